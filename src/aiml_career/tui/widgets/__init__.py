"""The browser's widgets: each draws one thing and posts messages; the app (:mod:`..app`)
answers them. None of them asks the ladder anything: they are handed what to show."""
