"""A condition in the words a client and family read: the plain name of its ICD-10-CM
category where one is known ("E11.9" → "Type 2 diabetes"), else the name as recorded with any
ICD-10 code taken out. Problems suggested from conditions and the prefilled plan use these
words, so a client's copy never shows a code or billing wording. Pure."""

import re

PLAIN_NAMES = {
    "B20": "HIV",
    "E03": "Underactive thyroid",
    "E10": "Type 1 diabetes",
    "E11": "Type 2 diabetes",
    "E66": "Weight above a healthy range",
    "E78": "High cholesterol",
    "F03": "Dementia (memory loss)",
    "F10": "Alcohol use",
    "F17": "Smoking",
    "F20": "Schizophrenia",
    "F31": "Bipolar disorder",
    "F32": "Depression",
    "F33": "Depression",
    "F41": "Anxiety",
    "F70": "Learning disability",
    "G20": "Parkinson's disease",
    "G30": "Alzheimer's disease (memory loss)",
    "G40": "Epilepsy (seizures)",
    "G47.3": "Sleep apnea (breathing stops during sleep)",
    "G80": "Cerebral palsy",
    "G82": "Paraplegia",
    "G89": "Long-term pain",
    "H35.3": "Macular degeneration (loss of central vision)",
    "H40": "Glaucoma",
    "I10": "High blood pressure",
    "I11": "High blood pressure with heart failure",
    "I12": "High blood pressure with kidney disease",
    "I25": "Coronary heart disease",
    "I48": "Irregular heartbeat (atrial fibrillation)",
    "I50": "Heart failure",
    "I69": "After-effects of a stroke",
    "I73": "Poor blood flow in the legs",
    "J44": "COPD (long-term lung disease)",
    "J45": "Asthma",
    "K21": "Acid reflux",
    "M06": "Rheumatoid arthritis",
    "M17": "Knee arthritis",
    "M54.5": "Low back pain",
    "M81": "Thinning bones (osteoporosis)",
    "N18": "Chronic kidney disease",
    "N40": "Enlarged prostate",
}
"""ICD-10-CM category (or a longer prefix, which wins) → plain name."""

_CODE = re.compile(r"\s*[(\[]?\b[A-TV-Z][0-9][0-9AB]\.[0-9A-Z]{1,4}\b[)\]]?")
"""An ICD-10-CM code with its dot (a bare "B12" may be a vitamin), in brackets or not."""


def condition_words(name: str, code: str | None = None) -> str:
    """The plain words for a condition recorded as `name` with ICD-10 `code` (if any)."""
    key = (code or "").strip().upper()
    for length in range(len(key), 2, -1):
        if (plain := PLAIN_NAMES.get(key[:length])) is not None:
            return plain
    words = _CODE.sub("", name)
    if key:
        words = re.sub(rf"\s*[(\[]?\b{re.escape(key)}\b[)\]]?", "", words, flags=re.I)
    words = " ".join(words.split()).strip(" -–,;:")
    return words or name
