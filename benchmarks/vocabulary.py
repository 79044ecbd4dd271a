"""The words and names ``generate.py`` builds its ladders from: stages, tracks, functions,
domains, skill vocabulary, wordings by level (docs/planning.md: Levels), occupations, and the
name keys that keep ids and aliases unique as the app's resolver normalises them.

Standard library only. ``run.py`` keys its cached ladders on this file and ``generate.py``.
"""

from __future__ import annotations

STAGES = [
    ("foundation", "Foundation", "Learning the basics: degree, maths and first projects."),
    ("entry", "Entry level", "First job: delivering well-scoped work under guidance."),
    ("mid", "Mid level", "Owning features and models end to end."),
    ("senior", "Senior level", "Designing systems and guiding others."),
    ("lead", "Lead / principal", "Setting technical direction across teams."),
    ("executive", "Executive", "Running the organisation's AI strategy."),
]
#: Share of roles per stage (fewer at the top).
STAGE_SHARE = [0.20, 0.22, 0.22, 0.17, 0.12, 0.07]
#: Word put in front of role names, per stage.
SENIORITY = [
    ["Trainee", "Apprentice", "Intern"],
    ["Junior", "Associate", "Graduate"],
    ["", "Mid-level"],
    ["Senior", "Staff"],
    ["Lead", "Principal", "Head of"],
    ["Director of", "VP of", "Chief"],
]

TRACKS = [
    ("data-science", "Data science"),
    ("ml-engineering", "Machine learning engineering"),
    ("research", "Research"),
    ("data-engineering", "Data engineering"),
    ("analytics", "Analytics"),
    ("mlops", "MLOps and platform"),
    ("product", "AI product"),
    ("management", "Management"),
]
FUNCTIONS = {
    "data-science": ["Data Scientist", "Modeler", "Statistician"],
    "ml-engineering": ["ML Engineer", "Engineer", "Developer"],
    "research": ["Research Scientist", "Researcher", "Scientist"],
    "data-engineering": ["Data Engineer", "Pipeline Engineer", "Integration Engineer"],
    "analytics": ["Analyst", "Insights Analyst", "BI Developer"],
    "mlops": ["MLOps Engineer", "Platform Engineer", "Reliability Engineer"],
    "product": ["Product Manager", "Solutions Architect", "Consultant"],
    "management": ["Manager", "Team Lead", "Program Manager"],
}
DOMAINS = [
    "Computer Vision", "NLP", "Speech", "Recommender", "Forecasting", "Time Series",
    "Fraud", "Risk", "Search", "Ranking", "Robotics", "Autonomy", "Healthcare",
    "Genomics", "Climate", "Energy", "Retail", "Marketing", "Pricing", "Supply Chain",
    "Finance", "Insurance", "Security", "Privacy", "Edge AI", "Generative AI",
    "LLM", "Reinforcement Learning", "Causal Inference", "Experimentation",
    "Geospatial", "Ads", "Payments", "Logistics", "Manufacturing", "Education",
    "Gaming", "Media", "Legal", "Biotech",
]

CATEGORIES = [
    ("programming", "Programming", True),
    ("mathematics", "Mathematics and statistics", True),
    ("machine-learning", "Machine learning", True),
    ("data-handling", "Data handling", True),
    ("deep-learning", "Deep learning"),
    ("nlp", "Natural language processing"),
    ("vision", "Computer vision"),
    ("mlops", "MLOps"),
    ("cloud", "Cloud platforms"),
    ("data-engineering", "Data engineering"),
    ("visualization", "Visualization"),
    ("experimentation", "Experimentation"),
    ("research-methods", "Research methods"),
    ("software-engineering", "Software engineering"),
    ("security", "Security and privacy"),
    ("product", "Product sense"),
    ("communication", "Communication"),
    ("leadership", "Leadership"),
    ("domain", "Domain knowledge"),
    ("ethics", "Responsible AI"),
]
SKILL_PREFIXES = [
    "Applied", "Distributed", "Probabilistic", "Bayesian", "Streaming", "Scalable",
    "Real-time", "Federated", "Interpretable", "Robust", "Efficient", "Automated",
    "Sparse", "Multimodal", "Graph", "Causal", "Online", "Batch", "Differentiable",
    "Secure", "Adaptive", "Hierarchical", "Generative", "Contrastive", "Self-supervised",
    "Quantized", "Embedded", "Declarative", "Incremental", "Parallel",
]
SKILL_TOPICS = [
    "Feature Engineering", "Model Serving", "Hyperparameter Tuning", "Data Validation",
    "Regression", "Classification", "Clustering", "Anomaly Detection", "Optimization",
    "Linear Algebra", "Calculus", "Statistics", "Probability", "Sampling",
    "Data Pipelines", "Data Modeling", "SQL", "Python", "Scala", "Rust", "C++",
    "Query Tuning", "Dashboards", "A/B Testing", "Model Monitoring", "Model Compression",
    "Transformers", "Convolutional Networks", "Recurrent Networks", "Embeddings",
    "Tokenization", "Retrieval", "Object Detection", "Segmentation", "Speech Recognition",
    "Reinforcement Learning", "Experiment Tracking", "Containerization", "Orchestration",
    "Kubernetes", "Cloud Storage", "Access Control", "Threat Modeling", "Stakeholder Management",
    "Technical Writing", "Mentoring", "Hiring", "Roadmapping", "Budgeting", "Fairness Audits",
    "Inference", "Simulation", "Labeling", "Data Governance", "Caching", "Indexing",
    "Vector Search", "Time Series Analysis", "Survival Analysis", "Causal Discovery",
]
LEVELS = ["basic", "proficient", "advanced", "expert"]
#: Wordings by level, each with the level word that sets its level (docs/planning.md: Levels).
WORDING = {
    "basic": [("Basic knowledge of {s}", "basic"), ("Familiarity with {s}", "familiarity")],
    "proficient": [("Proficiency in {s}", "proficiency"), ("Knowledge of {s}", "knowledge"),
                   ("Experience with {s}", "experience")],
    "advanced": [("Advanced {s}", "advanced"), ("Advanced knowledge of {s}", "advanced"), ("Strong {s}", "strong")],
    "expert": [("Expertise in {s}", "expertise"), ("In-depth knowledge of {s}", "in-depth"), ("Deep {s}", "deep")],
}
VERBS = [
    "Build", "Design", "Maintain", "Review", "Evaluate", "Deploy", "Document", "Monitor",
    "Improve", "Own", "Plan", "Lead", "Prototype", "Analyse", "Automate", "Present",
]
OBJECTS = [
    "data pipelines", "training jobs", "model releases", "feature stores", "dashboards",
    "experiments", "evaluation suites", "labelling guidelines", "team roadmaps",
    "inference services", "research papers", "cost reports", "incident reviews",
    "data contracts", "benchmarks", "hiring loops", "architecture proposals",
]
CONTEXTS = [
    "for the product team", "with the platform group", "across regions", "every sprint",
    "under guidance", "for executive review", "in production", "with partner teams",
    "for regulated customers", "on the shared cluster",
]
OCCUPATIONS = [
    ("15-2051.00", "Data Scientists"),
    ("15-1221.00", "Computer and Information Research Scientists"),
    ("11-3021.00", "Computer and Information Systems Managers"),
    ("15-1299.08", "Computer Systems Engineers/Architects"),
]
#: Occupation codes that suit each track (all real O*NET-SOC codes).
TRACK_OCCUPATIONS = {
    "data-science": [0], "ml-engineering": [3, 1], "research": [1, 0],
    "data-engineering": [3], "analytics": [0], "mlops": [3], "product": [2],
    "management": [2],
}
SPECIALIZATIONS = [
    ("nlp", "Natural language processing", ["NLP", "Language AI"]),
    ("computer-vision", "Computer vision", ["CV"]),
    ("speech", "Speech and audio", ["Audio ML"]),
    ("recommenders", "Recommender systems", ["RecSys"]),
    ("reinforcement-learning", "Reinforcement learning", ["RL"]),
    ("time-series", "Time series and forecasting", ["Forecasting"]),
    ("generative-ai", "Generative AI", ["GenAI", "LLMs"]),
    ("robotics", "Robotics", []),
    ("responsible-ai", "Responsible AI", ["AI ethics"]),
    ("mlops", "MLOps", ["ML platform"]),
]
PROVIDERS = ["Coursera", "edX", "Udacity", "fast.ai", "DeepLearning.AI", "AWS", "Google Cloud",
             "Microsoft", "Stanford Online", "MIT OpenCourseWare"]
RESOURCE_KINDS = ["online-course", "certification", "degree"]

#: Words run.py searches for (each appears in many role names).
SEARCH_WORD = "forecasting"


def normalize(text: str) -> str:
    """Same key as ``aiml_career.ladder.resolve.normalize`` for the ASCII text made here."""
    text = text.casefold().replace("+", "plus").replace("#", "sharp")
    return "".join(ch for ch in text if ch.isalnum())


def slug(text: str) -> str:
    text = text.lower().replace("+", "plus").replace("#", "sharp")
    out, dash = [], False
    for ch in text:
        if ch.isascii() and ch.isalnum():
            out.append(ch)
            dash = False
        elif out and not dash:
            out.append("-")
            dash = True
    return "".join(out).strip("-")


def initials(text: str) -> str:
    return "".join(w[0] for w in text.replace("-", " ").split() if w[0].isalnum()).upper()


class Names:
    """Normalised keys taken so far within one kind (roles, skills, ...)."""

    def __init__(self) -> None:
        self.owner: dict[str, str] = {}

    def free(self, text: str, owner: str) -> bool:
        key = normalize(text)
        return bool(key) and self.owner.get(key, owner) == owner

    def take(self, text: str, owner: str) -> None:
        key = normalize(text)
        assert self.owner.setdefault(key, owner) == owner, (text, owner)
