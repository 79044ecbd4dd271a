"""What can still be checked of a ladder item whose shape is wrong.

A role with a bad id or one ill-shaped requirement row still names its stage,
its track, its other requirements and its moves: :func:`salvage` keeps them,
so that ``validate`` reports their reference problems in the same run as the
shape problem (no rounds of fixing). The parts pydantic rejected are left out:
a bad element of a list (its other elements kept), a bad optional field; a bad
``id`` that is text is kept as written. Anything else wrong (a required field
missing or of the wrong type) leaves the item out, as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import BaseModel, ValidationError

#: A stand-in id, used only while the rest of the item is validated.
_STAND_IN = "stand-in"


class Salvaged:
    """An item rebuilt from its well-shaped parts, and where each kept list element was.

    ``positions[field][j]``: the index in the file of the element now at ``j``.
    """

    def __init__(self, item: BaseModel, positions: dict[str, list[int]]) -> None:
        self.item = item
        self.positions = positions

    def place(self, rest: tuple) -> tuple:
        """A place inside the rebuilt item (field, index, ...) as a place in the file."""
        if len(rest) > 1 and isinstance(rest[1], int) and rest[0] in self.positions:
            return (rest[0], self.positions[rest[0]][rest[1]], *rest[2:])
        return rest


def salvage(model: type[BaseModel], item: Any, error: ValidationError) -> Salvaged | None:
    """``item``'s well-shaped parts as a ``model``, or None when too little is left to check."""
    from pydantic import ValidationError

    if not isinstance(item, dict):
        return None
    dropped: dict[str, set[int]] = {}
    removed: set[str] = set()
    bad_id = False
    for problem in error.errors(include_url=False, include_input=False):
        loc = problem["loc"]
        if not loc or not isinstance(loc[0], str):
            return None
        field = loc[0]
        field_info = model.model_fields.get(field)
        if len(loc) > 1 and isinstance(loc[1], int) and isinstance(item.get(field), list):
            dropped.setdefault(field, set()).add(loc[1])
        elif field == "id" and isinstance(item.get("id"), str):
            bad_id = True
        elif field_info is None or not field_info.is_required():
            removed.add(field)
        else:
            return None
    cleaned = {key: value for key, value in item.items() if key not in removed}
    positions: dict[str, list[int]] = {}
    for field, bad in dropped.items():
        positions[field] = [j for j in range(len(item[field])) if j not in bad]
        cleaned[field] = [item[field][j] for j in positions[field]]
    if bad_id:
        cleaned["id"] = _STAND_IN
    try:
        rebuilt = model.model_validate(cleaned)
    except ValidationError:
        return None
    if bad_id:
        rebuilt = rebuilt.model_copy(update={"id": item["id"]})
    return Salvaged(rebuilt, positions)
