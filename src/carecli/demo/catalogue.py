"""The fixed tables the demo caseload is drawn from: conditions with their ICD-10-CM codes and
usual medicines, care-team roles, places, reasons and note phrases. Data only, no logic.

Every ICD-10-CM code here is a billable (leaf) code of the FY2025/FY2026 code set. Every person,
place and number built from these tables is made up; the only real entries are the national
help lines among the community resources, which are there because a care manager would list them.
"""

from typing import NamedTuple


class Med(NamedTuple):
    name: str
    dose: str
    route: str
    frequency: str


class ConditionSpec(NamedTuple):
    key: str
    name: str
    icd10: str
    older: int
    """Relative weight among clients 55 and over (0 = never drawn for them)."""
    younger: int
    """Relative weight among younger adults with disabilities (0 = never drawn for them)."""
    specialty: str | None
    regimens: tuple[tuple[str, ...], ...]
    """Alternative sets of medicines (keys of MEDS); one is drawn."""
    group: str | None = None
    """Conditions sharing a group exclude each other (two kinds of heart failure, say)."""
    sex: str | None = None


MEDS: dict[str, Med] = {
    "metformin": Med("Metformin", "500 mg", "oral", "twice daily with meals"),
    "metformin_er": Med("Metformin ER", "1000 mg", "oral", "once daily with the evening meal"),
    "glipizide": Med("Glipizide", "5 mg", "oral", "once daily before breakfast"),
    "glargine": Med("Insulin glargine", "20 units", "subcutaneous", "once daily at bedtime"),
    "empagliflozin": Med("Empagliflozin", "10 mg", "oral", "once daily"),
    "semaglutide": Med("Semaglutide", "0.5 mg", "subcutaneous", "once weekly"),
    "lisinopril": Med("Lisinopril", "10 mg", "oral", "once daily"),
    "amlodipine": Med("Amlodipine", "5 mg", "oral", "once daily"),
    "losartan": Med("Losartan", "50 mg", "oral", "once daily"),
    "hctz": Med("Hydrochlorothiazide", "25 mg", "oral", "once daily in the morning"),
    "metoprolol_er": Med("Metoprolol succinate ER", "50 mg", "oral", "once daily"),
    "metoprolol": Med("Metoprolol tartrate", "25 mg", "oral", "twice daily"),
    "furosemide": Med("Furosemide", "40 mg", "oral", "once daily in the morning"),
    "carvedilol": Med("Carvedilol", "12.5 mg", "oral", "twice daily with food"),
    "sacubitril": Med("Sacubitril/valsartan", "24 mg/26 mg", "oral", "twice daily"),
    "spironolactone": Med("Spironolactone", "25 mg", "oral", "once daily"),
    "tiotropium": Med(
        "Tiotropium (Spiriva HandiHaler)", "18 mcg, 1 capsule", "inhaled", "once daily"
    ),
    "albuterol": Med(
        "Albuterol HFA inhaler", "90 mcg/puff, 2 puffs", "inhaled",
        "every 4-6 hours as needed for shortness of breath",
    ),
    "advair": Med(
        "Fluticasone/salmeterol (Advair Diskus)", "250 mcg/50 mcg, 1 inhalation", "inhaled",
        "twice daily; rinse mouth after",
    ),
    "symbicort": Med(
        "Budesonide/formoterol (Symbicort)", "160 mcg/4.5 mcg, 2 puffs", "inhaled", "twice daily"
    ),
    "montelukast": Med("Montelukast", "10 mg", "oral", "once daily in the evening"),
    "bicarbonate": Med("Sodium bicarbonate", "650 mg", "oral", "twice daily"),
    "sertraline": Med("Sertraline", "50 mg", "oral", "once daily"),
    "escitalopram": Med("Escitalopram", "10 mg", "oral", "once daily"),
    "bupropion": Med("Bupropion XL", "150 mg", "oral", "once daily in the morning"),
    "mirtazapine": Med("Mirtazapine", "15 mg", "oral", "once daily at bedtime"),
    "buspirone": Med("Buspirone", "10 mg", "oral", "twice daily"),
    "apixaban": Med("Apixaban", "5 mg", "oral", "twice daily"),
    "diltiazem": Med("Diltiazem ER", "120 mg", "oral", "once daily"),
    "acetaminophen": Med(
        "Acetaminophen", "650 mg", "oral", "every 8 hours as needed for pain (max 3 g a day)"
    ),
    "diclofenac_gel": Med("Diclofenac 1% gel", "4 g", "topical", "to knees up to 4 times daily"),
    "donepezil": Med("Donepezil", "10 mg", "oral", "once daily at bedtime"),
    "memantine": Med("Memantine", "10 mg", "oral", "twice daily"),
    "levodopa": Med("Carbidopa/levodopa", "25 mg/100 mg", "oral", "three times daily"),
    "atorvastatin": Med("Atorvastatin", "40 mg", "oral", "once daily"),
    "atorvastatin_high": Med("Atorvastatin", "80 mg", "oral", "once daily"),
    "rosuvastatin": Med("Rosuvastatin", "10 mg", "oral", "once daily"),
    "methotrexate": Med("Methotrexate", "15 mg", "oral", "once weekly on Mondays"),
    "folic_acid": Med("Folic acid", "1 mg", "oral", "once daily"),
    "hydroxychloroquine": Med("Hydroxychloroquine", "200 mg", "oral", "twice daily"),
    "alendronate": Med(
        "Alendronate", "70 mg", "oral",
        "once weekly, 30 minutes before breakfast with a full glass of water",
    ),
    "calcium_d": Med(
        "Calcium carbonate/vitamin D3", "600 mg/400 IU", "oral", "twice daily with meals"
    ),
    "biktarvy": Med(
        "Bictegravir/emtricitabine/tenofovir alafenamide (Biktarvy)", "50 mg/200 mg/25 mg",
        "oral", "once daily",
    ),
    "gabapentin": Med("Gabapentin", "300 mg", "oral", "three times daily"),
    "duloxetine": Med("Duloxetine", "60 mg", "oral", "once daily"),
    "levothyroxine": Med(
        "Levothyroxine", "75 mcg", "oral", "once daily, 30-60 minutes before breakfast"
    ),
    "aspirin": Med("Aspirin", "81 mg", "oral", "once daily"),
    "nitroglycerin": Med(
        "Nitroglycerin", "0.4 mg", "sublingual",
        "every 5 minutes as needed for chest pain, up to 3 doses",
    ),
    "clopidogrel": Med("Clopidogrel", "75 mg", "oral", "once daily"),
    "levetiracetam": Med("Levetiracetam", "500 mg", "oral", "twice daily"),
    "aripiprazole": Med("Aripiprazole", "10 mg", "oral", "once daily"),
    "risperidone": Med("Risperidone", "2 mg", "oral", "twice daily"),
    "lithium": Med("Lithium carbonate", "300 mg", "oral", "twice daily"),
    "lamotrigine": Med("Lamotrigine", "100 mg", "oral", "once daily"),
    "omeprazole": Med("Omeprazole", "20 mg", "oral", "once daily before breakfast"),
    "pantoprazole": Med("Pantoprazole", "40 mg", "oral", "once daily before breakfast"),
    "tamsulosin": Med("Tamsulosin", "0.4 mg", "oral", "once daily after the same meal"),
    "latanoprost": Med(
        "Latanoprost 0.005% eye drops", "1 drop in each eye", "ophthalmic", "once daily at bedtime"
    ),
    "areds": Med("AREDS2 eye vitamin", "1 capsule", "oral", "twice daily"),
    "nicotine_patch": Med("Nicotine patch", "21 mg/24 hours", "transdermal", "one patch daily"),
    "naltrexone": Med("Naltrexone", "50 mg", "oral", "once daily"),
    "baclofen": Med("Baclofen", "10 mg", "oral", "three times daily"),
    "lidocaine_patch": Med("Lidocaine 4% patch", "1 patch", "topical", "12 hours on, 12 hours off"),
    "vitamin_d": Med("Vitamin D3", "1,000 IU", "oral", "once daily"),
    "docusate": Med("Docusate sodium", "100 mg", "oral", "twice daily as needed for constipation"),
    "miralax": Med(
        "Polyethylene glycol 3350", "17 g", "oral", "once daily as needed, mixed in 8 oz of water"
    ),
}

EXTRA_MEDS = ("vitamin_d", "docusate", "miralax", "acetaminophen", "omeprazole", "calcium_d")
"""Common over-the-counter or supportive medicines that fill a short list."""

CONDITIONS: tuple[ConditionSpec, ...] = (
    ConditionSpec(
        "htn", "Essential (primary) hypertension", "I10", 55, 15, None,
        (("lisinopril",), ("amlodipine",), ("losartan", "hctz"), ("lisinopril", "amlodipine")),
    ),
    ConditionSpec(
        "hld", "Hyperlipidemia, unspecified", "E78.5", 45, 8, None,
        (("atorvastatin",), ("rosuvastatin",)),
    ),
    ConditionSpec(
        "dm", "Type 2 diabetes mellitus without complications", "E11.9", 18, 10, "Endocrinology",
        (("metformin",), ("metformin", "glipizide"), ("metformin_er", "empagliflozin")),
        group="dm",
    ),
    ConditionSpec(
        "dm_hyper", "Type 2 diabetes mellitus with hyperglycemia", "E11.65", 6, 4, "Endocrinology",
        (("metformin", "glargine"), ("metformin", "semaglutide")),
        group="dm",
    ),
    ConditionSpec(
        "dm_neuro", "Type 2 diabetes mellitus with diabetic neuropathy, unspecified", "E11.40",
        4, 2, "Endocrinology", (("metformin", "gabapentin"), ("metformin_er", "duloxetine")),
        group="dm",
    ),
    ConditionSpec(
        "ckd", "Chronic kidney disease, stage 3 unspecified", "N18.30", 12, 2, "Nephrology",
        ((), ("bicarbonate",)),
        group="ckd",
    ),
    ConditionSpec(
        "ckd3b", "Chronic kidney disease, stage 3b", "N18.32", 5, 0, "Nephrology",
        (("bicarbonate",),),
        group="ckd",
    ),
    ConditionSpec(
        "cad", "Atherosclerotic heart disease of native coronary artery without angina pectoris",
        "I25.10", 14, 1, "Cardiology",
        (("aspirin", "atorvastatin_high", "metoprolol_er"), ("aspirin", "nitroglycerin")),
    ),
    ConditionSpec(
        "hf", "Heart failure, unspecified", "I50.9", 5, 1, "Cardiology",
        (("furosemide", "carvedilol"), ("furosemide", "lisinopril")),
        group="hf",
    ),
    ConditionSpec(
        "hfref", "Chronic systolic (congestive) heart failure", "I50.22", 4, 0, "Cardiology",
        (
            ("furosemide", "carvedilol", "sacubitril", "spironolactone"),
            ("furosemide", "carvedilol", "sacubitril"),
        ),
        group="hf",
    ),
    ConditionSpec(
        "hfpef", "Chronic diastolic (congestive) heart failure", "I50.32", 4, 0, "Cardiology",
        (("furosemide", "empagliflozin"), ("furosemide", "spironolactone")),
        group="hf",
    ),
    ConditionSpec(
        "afib", "Unspecified atrial fibrillation", "I48.91", 10, 0, "Cardiology",
        (("apixaban", "metoprolol"), ("apixaban", "diltiazem")),
    ),
    ConditionSpec(
        "copd", "Chronic obstructive pulmonary disease, unspecified", "J44.9", 11, 2, "Pulmonology",
        (
            ("tiotropium", "albuterol"), ("advair", "albuterol"),
            ("tiotropium", "advair", "albuterol"),
        ),
    ),
    ConditionSpec(
        "asthma", "Unspecified asthma, uncomplicated", "J45.909", 5, 12, "Pulmonology",
        (("albuterol",), ("symbicort", "albuterol"), ("advair", "montelukast", "albuterol")),
    ),
    ConditionSpec(
        "mdd", "Major depressive disorder, recurrent, moderate", "F33.1", 12, 25, "Psychiatry",
        (("sertraline",), ("escitalopram",), ("bupropion",), ("mirtazapine",)),
    ),
    ConditionSpec(
        "gad", "Generalized anxiety disorder", "F41.1", 8, 18, "Psychiatry",
        (("buspirone",), ("escitalopram",), ()),
    ),
    ConditionSpec(
        "oa_knee", "Osteoarthritis of knee, unspecified", "M17.9", 14, 3, None,
        (("acetaminophen",), ("diclofenac_gel",), ("acetaminophen", "diclofenac_gel")),
    ),
    ConditionSpec(
        "oa_both", "Bilateral primary osteoarthritis of knee", "M17.0", 6, 0, None,
        (("acetaminophen", "diclofenac_gel"),),
        group="oa",
    ),
    ConditionSpec(
        "osteoporosis", "Age-related osteoporosis without current pathological fracture", "M81.0",
        8, 0, None, (("alendronate", "calcium_d"), ("calcium_d", "vitamin_d")),
        sex="female",
    ),
    ConditionSpec(
        "hypothyroid", "Hypothyroidism, unspecified", "E03.9", 12, 4, None, (("levothyroxine",),),
    ),
    ConditionSpec(
        "alzheimers", "Alzheimer's disease, unspecified", "G30.9", 4, 0, "Neurology",
        (("donepezil",), ("donepezil", "memantine")),
        group="dementia",
    ),
    ConditionSpec(
        "dementia", "Unspecified dementia, unspecified severity, without behavioral disturbance",
        "F03.90", 3, 0, "Neurology", (("donepezil",), ()),
        group="dementia",
    ),
    ConditionSpec(
        "parkinsons", "Parkinson's disease without dyskinesia, without mention of fluctuations",
        "G20.A1", 2, 0, "Neurology", (("levodopa",),),
    ),
    ConditionSpec(
        "stroke", "Unspecified sequelae of cerebral infarction", "I69.30", 4, 1, "Neurology",
        (("clopidogrel", "atorvastatin_high"), ("aspirin", "atorvastatin_high")),
    ),
    ConditionSpec(
        "obesity", "Obesity, unspecified", "E66.9", 12, 20, None, ((), ("semaglutide",)),
    ),
    ConditionSpec(
        "ra", "Rheumatoid arthritis, unspecified", "M06.9", 3, 3, "Rheumatology",
        (("methotrexate", "folic_acid"), ("hydroxychloroquine",)),
    ),
    ConditionSpec(
        "hiv", "Human immunodeficiency virus [HIV] disease", "B20", 1, 5, "Infectious disease",
        (("biktarvy",),),
    ),
    ConditionSpec(
        "pain", "Other chronic pain", "G89.29", 6, 14, "Pain management",
        (("gabapentin",), ("duloxetine",), ("acetaminophen", "lidocaine_patch")),
    ),
    ConditionSpec(
        "back_pain", "Low back pain, unspecified", "M54.50", 5, 8, None,
        (("acetaminophen", "lidocaine_patch"), ("acetaminophen",)),
    ),
    ConditionSpec(
        "gerd", "Gastro-esophageal reflux disease without esophagitis", "K21.9", 9, 6, None,
        (("omeprazole",), ("pantoprazole",)),
    ),
    ConditionSpec(
        "osa", "Obstructive sleep apnea (adult)", "G47.33", 5, 5, "Pulmonology", ((),),
    ),
    ConditionSpec(
        "bph", "Benign prostatic hyperplasia without lower urinary tract symptoms", "N40.0",
        7, 0, None, (("tamsulosin",),),
        sex="male",
    ),
    ConditionSpec(
        "glaucoma", "Unspecified glaucoma", "H40.9", 4, 0, "Ophthalmology", (("latanoprost",),),
    ),
    ConditionSpec(
        "amd", "Unspecified macular degeneration", "H35.30", 4, 0, "Ophthalmology", (("areds",),),
    ),
    ConditionSpec(
        "pvd", "Peripheral vascular disease, unspecified", "I73.9", 4, 0, "Cardiology",
        (("aspirin", "atorvastatin"), ("clopidogrel", "atorvastatin")),
    ),
    ConditionSpec(
        "nicotine", "Nicotine dependence, cigarettes, uncomplicated", "F17.210", 5, 10, None,
        (("nicotine_patch",), ()),
    ),
    ConditionSpec(
        "alcohol", "Alcohol dependence, uncomplicated", "F10.20", 2, 5, "Psychiatry",
        (("naltrexone",), ()),
    ),
    ConditionSpec(
        "bipolar", "Bipolar disorder, unspecified", "F31.9", 1, 8, "Psychiatry",
        (("lithium",), ("lamotrigine", "aripiprazole")),
    ),
    ConditionSpec(
        "schizophrenia", "Schizophrenia, unspecified", "F20.9", 1, 7, "Psychiatry",
        (("risperidone",), ("aripiprazole",)),
    ),
    ConditionSpec(
        "epilepsy", "Epilepsy, unspecified, not intractable, without status epilepticus",
        "G40.909", 1, 6, "Neurology", (("levetiracetam",), ("lamotrigine",)),
    ),
    ConditionSpec(
        "intellectual", "Mild intellectual disabilities", "F70", 0, 6, None, ((),),
    ),
    ConditionSpec(
        "cp", "Cerebral palsy, unspecified", "G80.9", 0, 3, "Neurology", (("baclofen",), ()),
    ),
    ConditionSpec(
        "paraplegia", "Paraplegia, unspecified", "G82.20", 0, 3, None,
        (("baclofen", "docusate"),),
    ),
)

CONDITION_BY_KEY = {c.key: c for c in CONDITIONS}

HYPERTENSIVE_COMBINATIONS: tuple[tuple[frozenset[str], str, str], ...] = (
    (
        frozenset({"hf", "ckd"}), "I13.0",
        "Hypertensive heart and chronic kidney disease with heart failure and stage 1-4 CKD",
    ),
    (frozenset({"hf"}), "I11.0", "Hypertensive heart disease with heart failure"),
    (
        frozenset({"ckd"}), "I12.9",
        "Hypertensive chronic kidney disease with stage 1 through stage 4 chronic kidney disease",
    ),
)
"""ICD-10-CM presumes hypertension causes heart failure and CKD, so the combination code replaces
I10 when either is present (groups `hf` and `ckd`, as in CONDITIONS)."""

DIABETES_WITH_CKD = ("Type 2 diabetes mellitus with diabetic chronic kidney disease", "E11.22")
"""Replaces E11.9 when the client also has CKD (the "with" convention of ICD-10-CM)."""

ONSET_KNOWN = 0.88
"""Share of conditions with a known onset date."""

REMITTING = frozenset({"mdd", "gad", "alcohol", "nicotine"})
"""Conditions a client may have in remission."""

SPECIALIST_ROLES = {
    "Endocrinology": ("Endocrinologist", "Valley Diabetes & Endocrine Associates"),
    "Nephrology": ("Nephrologist", "Kidney Care Specialists of the Valley"),
    "Cardiology": ("Cardiologist", "Heartland Cardiology Group"),
    "Pulmonology": ("Pulmonologist", "Riverbend Pulmonary & Sleep Medicine"),
    "Psychiatry": ("Psychiatrist", "Northside Behavioral Health"),
    "Neurology": ("Neurologist", "Valley Neurology Clinic"),
    "Rheumatology": ("Rheumatologist", "Arthritis & Rheumatology Center"),
    "Infectious disease": ("Infectious disease physician", "Community Health ID Clinic"),
    "Pain management": ("Pain management physician", "Comprehensive Pain Center"),
    "Ophthalmology": ("Ophthalmologist", "Clearview Eye Associates"),
}
"""Specialty -> (care-team role, practice)."""

PRIMARY_CARE_PRACTICES = (
    "Brookside Family Medicine",
    "Oakwood Internal Medicine",
    "Five Rivers Health Center",
    "Westview Primary Care",
    "Cedar Creek Geriatrics",
    "Valley Community Health Clinic",
)
PHARMACIES = (
    "Main Street Pharmacy", "Kettering Apothecary", "Fairview Drug", "CareWay Pharmacy #214"
)
HOME_HEALTH = ("Visiting Nurses of the Valley", "Home Health Partners", "Caring Hands Home Health")

TOWNS = (
    ("Dayton", "45402"), ("Dayton", "45405"), ("Dayton", "45410"), ("Kettering", "45429"),
    ("Huber Heights", "45424"), ("Beavercreek", "45431"), ("Centerville", "45459"),
    ("Fairborn", "45324"), ("Xenia", "45385"), ("Miamisburg", "45342"), ("Trotwood", "45426"),
)
"""Real towns and ZIP codes around Dayton, Ohio: street names and numbers are made up."""

STATE = "OH"
AREA_CODES = ("937", "937", "937", "513")
STREET_SUFFIXES = ("St", "Ave", "Rd", "Dr", "Ln", "Ct", "Blvd", "Way", "Pl", "Pike")

NICKNAMES = {
    "Robert": "Bob", "William": "Bill", "James": "Jim", "Richard": "Dick", "Charles": "Chuck",
    "Thomas": "Tom", "Joseph": "Joe", "Margaret": "Peggy", "Elizabeth": "Betty",
    "Patricia": "Pat", "Katherine": "Kathy", "Deborah": "Debbie", "Dorothy": "Dot",
    "Francisco": "Paco", "José": "Pepe", "Guadalupe": "Lupe", "Jesús": "Chuy",
    "Michael": "Mike", "Kenneth": "Ken", "Donald": "Don", "Barbara": "Barb",
}

WITNESSES = ("Dana Whitfield, RN", "Luis Ortega, LSW", "Keisha Brown, RN")
"""Colleagues who witness verbal consent."""

RISK_REASONS = {
    "high": (
        "2 admissions in 6 months; lives alone",
        "Heart failure with weight swings; 3 ED visits this year",
        "Uncontrolled diabetes (A1c 10.2); misses appointments",
        "Recent falls; uses walker; lives alone",
        "10+ medicines; confused about doses after last admission",
        "Memory loss; caregiver daughter works full time",
        "Oxygen at home; COPD flare-ups every winter",
        "Readmitted within 30 days last spring",
    ),
    "moderate": (
        "Several chronic conditions; 7 medicines",
        "Mild memory problems; son helps with pill organiser",
        "Depression screen positive last quarter; engaged in treatment",
        "Blood pressure not yet at goal; adjusting medicines",
        "No car; relies on paratransit for appointments",
        "Lives alone; one fall last year",
        "Food insecurity at month end",
    ),
    "low": (
        "Stable conditions; independent in daily activities",
        "Good family support; takes medicines as prescribed",
        "Stable for 12 months; no admissions",
        "Independent; drives; manages own medicines",
    ),
}

HOLD_REASONS = (
    "Extended stay with daughter out of state",
    "In skilled nursing facility for rehab after hip fracture",
    "Asked to pause calls until after knee surgery",
    "Travelling to Mexico for two months to visit family",
)
DISCHARGE_REASONS = (
    "Moved to assisted living",
    "Declined further services",
    "Died",
    "Moved out of the service area",
    "Enrolled in hospice; care transferred to hospice team",
    "Goals met; graduated from the program",
)

FACILITIES = (
    "St. Mary's Medical Center",
    "Valley Regional Medical Center",
    "Northside General Hospital",
    "Good Shepherd Hospital",
)
SKILLED_NURSING = ("Maple Grove Rehabilitation Center", "Cedar Ridge Skilled Nursing")

STAY_REASONS = {
    "hf": "CHF exacerbation",
    "hfref": "CHF exacerbation",
    "hfpef": "CHF exacerbation with fluid overload",
    "copd": "COPD exacerbation",
    "asthma": "Asthma exacerbation",
    "dm_hyper": "Hyperglycemia",
    "dm": "Hypoglycemia",
    "afib": "Atrial fibrillation with rapid ventricular response",
    "cad": "Chest pain; heart attack ruled out",
    "ckd": "Acute kidney injury",
    "dementia": "Urinary tract infection with confusion",
    "alzheimers": "Urinary tract infection with confusion",
    "stroke": "Transient ischemic attack",
}
GENERAL_STAY_REASONS = (
    "Pneumonia",
    "Fall with hip fracture",
    "Cellulitis of left leg",
    "Dehydration",
    "GI bleed",
    "Sepsis from urinary tract infection",
)

CONDITION_NOTES = {
    "htn": (
        "Reviewed BP log; readings 130s/80s. Reinforced low-salt diet.",
        "Home BP 148/92 twice this week; sent log to PCP for review.",
    ),
    "dm": (
        "Fasting glucose 110-140 this week. Reviewed daily foot checks.",
        "A1c 7.4, down from 8.1. Praised progress; discussed snacks.",
    ),
    "dm_hyper": (
        "Morning sugars 220-260; confirmed insulin dose and timing. PCP notified.",
        "Glucose log better since insulin started; no lows.",
    ),
    "dm_neuro": (
        "Numbness in feet unchanged; reminded to check feet daily and wear shoes indoors.",
    ),
    "hf": (
        "Weight stable; no swelling or shortness of breath. Reviewed 2 g sodium limit.",
        "Weight up 3 lb in 2 days; extra furosemide per HF action plan. Cardiology aware.",
    ),
    "hfref": ("Daily weights logged; stable. Reviewed when to call cardiology.",),
    "hfpef": ("Ankles less swollen; walking to mailbox daily.",),
    "copd": (
        "Breathing at baseline; using tiotropium daily. Reviewed rescue inhaler technique.",
        "More cough this week, sputum clear. Reviewed COPD action plan.",
    ),
    "asthma": ("No night symptoms; used rescue inhaler once this week.",),
    "afib": ("Taking apixaban twice daily; no bleeding or bruising. Heart rate 70s.",),
    "ckd": ("Labs: creatinine stable. Reminded to avoid ibuprofen and naproxen.",),
    "mdd": (
        "Mood 'a bit better'; going to church group again. Taking sertraline daily.",
        "Low mood since anniversary of husband's death; offered counseling referral.",
    ),
    "gad": ("Worry about bills; practised breathing exercise together.",),
    "oa_knee": ("Knee pain 4/10; using gel before walks. Interested in PT.",),
    "alzheimers": ("Daughter reports more confusion in evenings; discussed routine and lighting.",),
    "dementia": ("Caregiver managing well; discussed adult day program options.",),
    "parkinsons": ("Tremor steady; no falls. Taking carbidopa/levodopa on schedule.",),
    "stroke": ("Walking with cane; PT twice weekly. Speech clearer.",),
    "obesity": ("Weight down 4 lb this month; walking 15 minutes after dinner.",),
    "hiv": ("Picked up Biktarvy refill on time; viral load undetectable in last labs.",),
    "pain": ("Pain 6/10; sleeping poorly. Asked PCP about adjusting gabapentin.",),
    "hypothyroid": ("Reminded to take levothyroxine on an empty stomach; TSH due next month.",),
    "cad": ("No chest pain; nitroglycerin not needed. Walking daily.",),
    "osteoporosis": (
        "Taking alendronate correctly on Sunday mornings. Discussed fall prevention.",
    ),
}

GENERAL_NOTES = (
    "Medication review: no missed doses this week. Pill organiser filled by daughter.",
    "Confirmed PCP appointment on Thursday; arranged paratransit ride.",
    "No falls this month; night-lights installed in hallway.",
    "Feeling well; no new concerns. Next check-in scheduled.",
    "Refill of blood pressure medicine was late; called pharmacy to sync refills.",
    "Discussed flu and COVID vaccines; will get both at pharmacy this week.",
    "Reviewed upcoming specialist visit and questions to ask.",
    "Appetite fair; eating two meals a day. Meals on Wheels delivering.",
    "Sleeping better; using CPAP most nights.",
    "Asked about help with electric bill; sent utility assistance information.",
)
HOME_VISIT_NOTES = (
    "Home visit: checked pill bottles against med list; removed two expired bottles.",
    "Home visit: home safety check; loose rug in hallway removed, grab bar needed in bathroom.",
    "Home visit: reviewed care plan goals with client and daughter; signed copy left at home.",
)
MESSAGE_NOTES = (
    "Portal message: reminder of eye appointment; client replied 'thank you'.",
    "Text: sent lab results summary from PCP; client confirmed she read it.",
)
FAMILY_NOTES = (
    "Spoke with {who}: client napping. Appetite fair, no new concerns.",
    "Spoke with {who}: helped set up weekly pill organiser. No missed doses.",
    "Spoke with {who}: worried about falls at night; discussed bedside commode.",
)
ATTEMPT_NOTES = {
    "no_answer": (
        "No answer; will try again next business day.", "No answer; no voicemail set up."
    ),
    "voicemail": ("Left voicemail asking for a call back.", "Left message with call-back number."),
}
TASKS = (
    "Review the blood pressure log the client is sending",
    "Confirm the pharmacy delivered the new prescription",
    "Call the PCP's office about this week's lab results",
    "Check the shower-chair order with the supplier",
    "Mail the fall-prevention handout",
    "Confirm the ride to Thursday's cardiology appointment",
    "Ask the daughter whether the pill organiser is working",
)
"""Tasks a care manager sets by hand with a due date (the queue's "task" items)."""
INTAKE_NOTE = (
    "Enrolment {how}: explained care management, monthly check-ins and cost sharing; "
    "client agreed to services."
)
POST_DISCHARGE_NOTE = (
    "Post-discharge call: reviewed discharge instructions and medicine changes; "
    "follow-up visit booked with PCP."
)

CLIENT_NOTES = (
    "Hard of hearing: speak slowly, call on landline.",
    "Prefers calls after 10 am.",
    "Has a small dog; knock loudly on home visits.",
    "Uses a walker; allow time to reach the phone.",
    "Daughter manages appointments; client prefers she be on calls.",
    "Works part time mornings; call in the afternoon.",
)
DEMO_NOTE = "Demo client: made-up person; the Medicare ID is not real."

FAMILY_NOTES_SHORT = (
    "Lives 2 hours away; prefers text.",
    "Has a key to the house.",
    "Works nights; call after 3 pm.",
    "Visits every weekend.",
)

RELATIONS_OLDER = (
    ("daughter", 30), ("son", 22), ("spouse", 18), ("neighbour", 8), ("friend", 8),
    ("niece", 5), ("grandson", 5), ("sister", 4),
)
RELATIONS_YOUNGER = (
    ("mother", 30), ("father", 15), ("sister", 15), ("brother", 10), ("partner", 15),
    ("friend", 15),
)
SAME_FAMILY_NAME = frozenset({"son", "spouse", "mother", "father", "brother", "grandson"})
ONLY_ONE = frozenset({"spouse", "partner", "mother", "father"})
RELATION_SEX = {
    "daughter": "female", "niece": "female", "sister": "female", "mother": "female",
    "son": "male", "grandson": "male", "brother": "male", "father": "male",
}

RESOURCES: tuple[dict, ...] = (
    # the first twelve keep their places (demo ids 1-12): referrals point at them
    {
        "name": "Greater Valley Food Bank", "organisation": "Greater Valley Food Bank",
        "category": "food", "phone": "(937) 555-0110",
        "address": "1100 Riverside Industrial Dr, Dayton, OH 45404",
        "hours": "Phone line Mon-Fri 8:30-4:30",
        "eligibility": "Anyone in need in the three-county area; no ID needed at partner "
                       "pantries.",
        "website": "https://valleyfoodbank.example.org",
        "description": "Pantry finder by ZIP code; home delivery boxes for homebound seniors.",
    },
    {
        "name": "Meals on Wheels (Valley Senior Services)",
        "organisation": "Valley Senior Services", "category": "food",
        "phone": "(937) 555-0111", "address": "410 Salem Ave, Dayton, OH 45406",
        "hours": "Deliveries Mon-Fri 10:30-12:30; frozen meals for weekends",
        "eligibility": "60 or older and homebound; any age for 30 days after a hospital "
                       "discharge with a referral.",
        "description": "Weekday hot lunch delivery; medically tailored meals (diabetic, "
                       "renal, low sodium) after discharge. Suggested donation $3.",
        "note": "Intake calls back within 2 business days; say if it is a post-discharge start.",
    },
    {
        "name": "Valley Metropolitan Housing Authority",
        "organisation": "Valley Metropolitan Housing Authority", "category": "housing",
        "phone": "(937) 555-0112", "address": "400 Wayne Ave, Dayton, OH 45410",
        "hours": "Mon-Thu 8-4:30", "eligibility": "Income below 50% of area median; senior "
        "buildings 62+ or disabled.",
        "description": "Senior and disabled public housing and Housing Choice Vouchers; the "
                       "voucher wait list opens a few weeks a year.",
    },
    {
        "name": "Home Energy Assistance Program (HEAP/LIHEAP), Community Action Partnership",
        "organisation": "Community Action Partnership of the Valley", "category": "utilities",
        "phone": "(937) 555-0113", "address": "719 S Main St, Dayton, OH 45402",
        "hours": "Mon-Fri 8-4; winter crisis appointments Nov 1-Mar 31",
        "eligibility": "Household income at or below 175% of the federal poverty level.",
        "description": "Help with heating and electric bills once a year; the winter crisis "
                       "program restores or prevents a shut-off.",
    },
    {
        "name": "Valley RTA Project Mobility (paratransit)",
        "organisation": "Valley Regional Transit Authority", "category": "transportation",
        "phone": "(937) 555-0114", "hours": "Rides 5:30 am-midnight, book 1-7 days ahead",
        "eligibility": "Cannot use fixed-route buses because of a disability; application "
                       "with a clinician's form first.",
        "website": "https://valleyrta.example.org/mobility",
        "description": "Door-to-door shared rides anywhere within 3/4 mile of a bus route; "
                       "$3.50 a ride.",
    },
    {
        "name": "Eastside Senior Center", "organisation": "Eastside Senior Citizens Inc.",
        "category": "other", "phone": "(937) 555-0115",
        "address": "2500 E Third St, Dayton, OH 45403", "hours": "Mon-Fri 8-4",
        "eligibility": "55 and older; free membership.",
        "description": "Lunch, exercise classes, cards and trips; a grief group on Tuesdays.",
    },
    {
        "name": "Valley Legal Aid Society", "organisation": "Valley Legal Aid Society",
        "category": "legal", "phone": "(937) 555-0116",
        "address": "130 W Second St, Dayton, OH 45402", "hours": "Intake Mon-Fri 9-3",
        "eligibility": "Income under 200% of poverty; 60+ served regardless of income for "
                       "some matters.",
        "description": "Free help with evictions, benefits denials, powers of attorney and "
                       "advance directives.",
    },
    {
        "name": "National Domestic Violence Hotline",
        "organisation": "National Domestic Violence Hotline", "category": "mental_health",
        "phone": "1-800-799-7233", "hours": "24/7", "eligibility": "Anyone.",
        "website": "https://www.thehotline.org",
        "description": "National line, 24/7: safety planning, shelter referrals; text START "
                       "to 88788.",
    },
    {
        "name": "988 Suicide & Crisis Lifeline", "organisation": "988 Lifeline (SAMHSA)",
        "category": "mental_health", "phone": "988", "hours": "24/7", "eligibility": "Anyone.",
        "website": "https://988lifeline.org",
        "description": "National line, 24/7 by call or text; press 1 for the Veterans Crisis "
                       "Line.",
    },
    {
        "name": "Medicare Extra Help (Social Security)",
        "organisation": "Social Security Administration", "category": "financial",
        "phone": "1-800-772-1213", "hours": "Mon-Fri 8-7",
        "eligibility": "Medicare with limited income and resources.",
        "website": "https://www.ssa.gov/medicare/part-d-extra-help",
        "description": "National line: help paying Part D premiums and copays.",
    },
    {
        "name": "Area Agency on Aging, Caregiver Support Program",
        "organisation": "Area Agency on Aging, Region 2", "category": "caregiver_support",
        "phone": "(937) 555-0117", "address": "40 W Second St, Dayton, OH 45402",
        "hours": "Mon-Fri 8-5", "eligibility": "Unpaid caregivers of someone 60+, or of "
        "someone with dementia at any age.",
        "email": "caregivers@aaa2.example.org",
        "description": "Respite vouchers, caregiver training and monthly support groups.",
    },
    {
        "name": "Helping Hands Home Care (homemaker services)",
        "organisation": "Helping Hands Home Care LLC", "category": "caregiver_support",
        "phone": "(937) 555-0118", "hours": "Office Mon-Fri 8-5; aides 7 days",
        "eligibility": "Private pay, or through the PASSPORT Medicaid waiver.",
        "description": "Light housekeeping and bathing help; sliding-fee scale through the "
                       "waiver.",
    },
    # food
    {
        "name": "St. Vincent de Paul Eastside Pantry", "organisation": "Society of St. Vincent "
        "de Paul, Valley Council", "category": "food", "phone": "(937) 555-0120",
        "address": "1921 E Fifth St, Dayton, OH 45403", "hours": "Tue and Thu 10-2",
        "eligibility": "ZIP codes 45403 and 45410; once a month; bring an ID.",
        "description": "Choice pantry with fresh produce; a volunteer will carry bags to the "
                       "car.",
    },
    {
        "name": "Westside Mobile Food Pantry", "organisation": "Greater Valley Food Bank",
        "category": "food", "status": "inactive", "phone": "(937) 555-0121",
        "address": "Westside Library parking lot, 1807 W Third St, Dayton, OH 45417",
        "hours": "Was: 2nd Saturday 9-11", "eligibility": "Anyone.",
        "description": "Drive-through produce truck.",
        "note": "Stopped in June 2026 when the grant ended; send clients to St. Vincent de "
                "Paul instead.",
    },
    {
        "name": "SNAP application help", "organisation": "Valley County Job and Family Services",
        "category": "food", "phone": "(937) 555-0122",
        "address": "1111 S Edwin C Moses Blvd, Dayton, OH 45422", "hours": "Mon-Fri 8-4:30",
        "eligibility": "Low income; 60+ may deduct medical costs over $35 a month.",
        "description": "Help applying for food assistance (SNAP) by phone; interviews by "
                       "phone for homebound applicants.",
    },
    # housing
    {
        "name": "Homeless Solutions Central Intake", "organisation": "Valley Continuum of Care",
        "category": "housing", "phone": "(937) 555-0123", "hours": "24/7 phone line",
        "eligibility": "Homeless or losing housing within 14 days.",
        "description": "One number for every shelter bed and rapid rehousing program in the "
                       "county.",
    },
    {
        "name": "Rebuilding Together Valley (safe at home repairs)",
        "organisation": "Rebuilding Together Valley", "category": "housing",
        "phone": "(937) 555-0124", "address": "3300 Kettering Blvd, Moraine, OH 45439",
        "hours": "Mon-Fri 9-4", "eligibility": "Homeowners 60+ or disabled; income under 80% "
        "of area median.",
        "description": "Free grab bars, ramps, railings and small repairs so people can stay "
                       "at home safely.",
    },
    {
        "name": "Senior Rental Assistance", "organisation": "Catholic Social Services of the "
        "Valley", "category": "housing", "phone": "(937) 555-0125",
        "address": "922 W Riverview Ave, Dayton, OH 45402", "hours": "Mon-Fri 9-4",
        "eligibility": "60+ with an eviction notice or a rent arrears letter.",
        "description": "One-time help with back rent and deposits; a caseworker calls the "
                       "landlord.",
    },
    # utilities
    {
        "name": "Medical Certificate Program", "organisation": "Valley Power & Light",
        "category": "utilities", "phone": "(937) 555-0126", "hours": "Mon-Fri 7-7",
        "eligibility": "Someone in the home whose health would be endangered by a shut-off.",
        "description": "A doctor's certificate holds off a disconnection for 30 days, up to "
                       "three times a year.",
    },
    {
        "name": "Water Bill Hardship Program", "organisation": "City of Dayton Water Department",
        "category": "utilities", "phone": "(937) 555-0127",
        "address": "101 W Third St, Dayton, OH 45402", "hours": "Mon-Fri 8-4:30",
        "eligibility": "Residential customers at or below 200% of poverty.",
        "description": "Payment plans and a one-time credit on past-due water bills.",
    },
    {
        "name": "Lifeline phone and internet discount",
        "organisation": "Universal Service Administrative Company", "category": "utilities",
        "phone": "1-800-234-9473", "hours": "Mon-Fri 9-9 ET",
        "eligibility": "On SNAP, Medicaid, SSI or income at or below 135% of poverty.",
        "website": "https://www.lifelinesupport.org",
        "description": "Monthly discount on one phone or internet line.",
    },
    # transportation
    {
        "name": "Senior Ride Line (volunteer drivers)", "organisation": "Faith in Action Valley",
        "category": "transportation", "phone": "(937) 555-0128",
        "hours": "Book Mon-Fri 9-12, a week ahead",
        "eligibility": "60+ and able to get in and out of a car with little help.",
        "description": "Volunteer drivers to medical appointments and the grocery store; "
                       "free, donations welcome.",
    },
    {
        "name": "Medicaid non-emergency transportation",
        "organisation": "Valley County Job and Family Services", "category": "transportation",
        "phone": "(937) 555-0129", "hours": "Mon-Fri 8-4:30; book 2 business days ahead",
        "eligibility": "Medicaid members going to a covered medical appointment.",
        "description": "Rides, bus passes or mileage reimbursement for Medicaid visits.",
    },
    {
        "name": "Greene County Dial-a-Ride", "organisation": "Greene County Transit",
        "category": "transportation", "status": "inactive", "phone": "(937) 555-0130",
        "hours": "Was: Mon-Fri 7-6", "eligibility": "Greene County residents.",
        "description": "Curb-to-curb rides within the county.",
        "note": "Replaced by Valley RTA Project Mobility in 2026.",
    },
    # mental health
    {
        "name": "Older Adult Counseling Program", "organisation": "Valley Behavioral Health",
        "category": "mental_health", "phone": "(937) 555-0131",
        "address": "601 S Edwin C Moses Blvd, Dayton, OH 45417",
        "hours": "Mon-Fri 8-6; home visits available",
        "eligibility": "55+; Medicare, Medicaid or sliding fee.",
        "description": "Counseling for depression, anxiety and grief; psychiatric "
                       "medication visits; therapists come to the home for the homebound.",
    },
    {
        "name": "NAMI Valley Family Support Group", "organisation": "NAMI Valley",
        "category": "mental_health", "phone": "(937) 555-0132",
        "hours": "1st and 3rd Wednesday 6:30-8 pm",
        "eligibility": "Family members of someone living with a mental illness.",
        "email": "info@namivalley.example.org",
        "description": "Free peer-led support group, in person and by video.",
    },
    {
        "name": "PEARLS home-based depression program", "organisation": "Valley Senior Services",
        "category": "mental_health", "phone": "(937) 555-0133",
        "hours": "Six to eight home visits over 5 months",
        "eligibility": "60+ with minor depression or dysthymia (PHQ-9 of 5 to 19).",
        "description": "Problem-solving sessions and activity planning at home with a "
                       "trained counselor.",
    },
    {
        "name": "Addiction Services Helpline", "organisation": "Valley ADAMHS Board",
        "category": "mental_health", "phone": "(937) 555-0134", "hours": "24/7",
        "eligibility": "Anyone in the county.",
        "description": "Same-day referral to alcohol and drug treatment, including "
                       "medication for opioid use disorder.",
    },
    # caregiver support
    {
        "name": "Alzheimer's Association 24/7 Helpline", "organisation": "Alzheimer's "
        "Association, Miami Valley Chapter", "category": "caregiver_support",
        "phone": "1-800-272-3900", "hours": "24/7", "eligibility": "Anyone.",
        "website": "https://www.alz.org",
        "description": "Dementia care consultation for families; local support groups.",
    },
    {
        "name": "Hope Adult Day Center", "organisation": "Hope Adult Day Services",
        "category": "caregiver_support", "phone": "(937) 555-0135",
        "address": "5300 Far Hills Ave, Kettering, OH 45429", "hours": "Mon-Fri 7:30-5:30",
        "eligibility": "Adults who need supervision during the day; waiver, VA or private pay.",
        "description": "Supervised day program with meals, activities and a nurse; gives "
                       "family caregivers a break to work or rest.",
    },
    {
        "name": "Powerful Tools for Caregivers class",
        "organisation": "Area Agency on Aging, Region 2", "category": "caregiver_support",
        "phone": "(937) 555-0136", "hours": "Six weekly sessions, spring and fall",
        "eligibility": "Family caregivers; free.",
        "description": "Class on stress, communication and asking for help.",
    },
    # legal
    {
        "name": "Valley Fair Housing Center", "organisation": "Valley Fair Housing Center",
        "category": "legal", "phone": "(937) 555-0137",
        "address": "505 Riverside Dr, Dayton, OH 45405", "hours": "Mon-Fri 9-5",
        "eligibility": "Anyone facing housing discrimination.",
        "description": "Complaints about refused accessibility changes and discrimination "
                       "by landlords.",
    },
    {
        "name": "Elder Law Clinic", "organisation": "Valley University School of Law",
        "category": "legal", "phone": "(937) 555-0138", "hours": "Appointments Sep-Apr",
        "eligibility": "60+ with limited income.",
        "description": "Law students supervised by attorneys: wills, powers of attorney, "
                       "Medicaid planning.",
    },
    {
        "name": "Probate Court Guardianship Help Desk", "organisation": "Valley County Probate "
        "Court", "category": "legal", "phone": "(937) 555-0139",
        "address": "41 N Perry St, Dayton, OH 45422", "hours": "Mon-Fri 8:30-4:30",
        "eligibility": "Anyone; staff cannot give legal advice.",
        "description": "Forms and explanations for guardianship and alternatives to it.",
    },
    # financial
    {
        "name": "Medicare counseling (OSHIIP)",
        "organisation": "Ohio Senior Health Insurance Information Program",
        "category": "financial", "phone": "1-800-686-1578", "hours": "Mon-Fri 8-5",
        "eligibility": "Anyone with Medicare and their families.",
        "description": "Free, unbiased help choosing plans and applying for Medicare "
                       "Savings Programs.",
    },
    {
        "name": "Benefits Enrollment Center", "organisation": "Valley Senior Services",
        "category": "financial", "phone": "(937) 555-0140", "hours": "Mon-Fri 9-4",
        "eligibility": "60+ or disabled with limited income.",
        "description": "One appointment screens for SNAP, HEAP, Extra Help, Medicare Savings "
                       "Programs and property tax relief.",
    },
    {
        "name": "Free tax preparation (VITA)", "organisation": "United Way of the Valley",
        "category": "financial", "phone": "(937) 555-0141",
        "address": "Eastside Library, 2008 Wyoming St, Dayton, OH 45410",
        "hours": "Feb 1-Apr 15, Sat 9-1", "eligibility": "Income under $67,000.",
        "description": "Volunteers prepare and file returns; claims the homestead exemption.",
    },
    {
        "name": "Valley Rx Card prescription program", "organisation": "Valley Health "
        "Foundation", "category": "financial", "status": "inactive",
        "phone": "(937) 555-0142", "eligibility": "Uninsured county residents.",
        "description": "Discount card for generic medicines.",
        "note": "Funding ended in March 2026; use Medicare Extra Help or the manufacturer's "
                "program.",
    },
    # other
    {
        "name": "Adult Protective Services", "organisation": "Valley County Job and Family "
        "Services", "category": "other", "phone": "(937) 555-0143", "hours": "24/7 line",
        "eligibility": "Adults 60+ thought to be abused, neglected or exploited.",
        "description": "Investigates reports within 24 hours for emergencies; reports can be "
                       "anonymous.",
    },
    {
        "name": "Friendly Visitor Program", "organisation": "Valley Senior Companions",
        "category": "other", "phone": "(937) 555-0144", "hours": "Weekly visits or calls",
        "eligibility": "60+ living alone.",
        "description": "A volunteer visits or calls every week for company and a check-in.",
    },
    {
        "name": "Homebound library delivery", "organisation": "Valley Public Library",
        "category": "other", "phone": "(937) 555-0145", "hours": "Deliveries every 3 weeks",
        "eligibility": "Unable to visit a branch for 3 months or more.",
        "description": "Books, large print and audiobooks brought to the door.",
    },
    {
        "name": "Medical equipment loan closet", "organisation": "Valley Lions Club",
        "category": "other", "phone": "(937) 555-0146",
        "address": "210 Main St, Miamisburg, OH 45342", "hours": "Sat 9-12",
        "eligibility": "Anyone; deposit refunded on return.",
        "description": "Walkers, shower chairs, wheelchairs and commodes on loan.",
    },
    {
        "name": "Westside Senior Center", "organisation": "City of Dayton Recreation",
        "category": "other", "status": "inactive", "phone": "(937) 555-0147",
        "address": "3300 Germantown St, Dayton, OH 45417",
        "description": "Closed for renovation until further notice.",
    },
)
"""The demo's community resource directory: every category, some inactive (kept: referrals
may point at them), with the organisation, hours and eligibility a care manager would keep."""

CRISIS_LINES = frozenset({"National Domestic Violence Hotline", "988 Suicide & Crisis Lifeline"})
"""Lines a client calls in a crisis: listed, but not where the demo refers anyone to."""

REFERRAL_REASONS = {
    "food": "Runs out of food before the end of the month",
    "housing": "Landlord not renewing lease; needs affordable senior housing",
    "utilities": "Shut-off notice from electric company",
    "transportation": "Missed two appointments for lack of a ride",
    "mental_health": "Low mood since the fall; open to talking with a counselor",
    "caregiver_support": "Daughter caregiver exhausted; asked about respite",
    "legal": "Wants help with power of attorney and advance directive",
    "financial": "Cannot afford inhaler copays",
    "other": "Lonely since spouse died; interested in group activities",
}
"""Each need (a `ResourceCategory`) a demo referral answers, in words."""

# Assessments ----------------------------------------------------------------------------------

FRAILTY = {
    "alzheimers": 0.35, "dementia": 0.35, "parkinsons": 0.25, "stroke": 0.2, "paraplegia": 0.45,
    "cp": 0.35, "intellectual": 0.15, "hf": 0.1, "hfref": 0.12, "hfpef": 0.1, "copd": 0.1,
    "oa_both": 0.1, "oa_knee": 0.05, "ra": 0.08, "amd": 0.05, "pvd": 0.05,
}
"""Condition key -> how much it adds to a client's need for help with daily activities."""

GOAL_TAGS = {
    "dm": "dm", "dm_hyper": "dm", "dm_neuro": "dm", "hf": "hf", "hfref": "hf", "hfpef": "hf",
    "copd": "breathing", "asthma": "breathing", "mdd": "mood", "gad": "mood", "bipolar": "mood",
    "pain": "pain", "back_pain": "pain", "oa_knee": "pain", "oa_both": "pain", "ra": "pain",
    "stroke": "stroke", "nicotine": "smoking", "alzheimers": "memory", "dementia": "memory",
}
"""Condition key -> the kind of goal a client with it often names (keys of MATTERS_MOST)."""

MATTERS_MOST: dict[str | None, tuple[str, ...]] = {
    None: (
        "Stay in my own home",
        "Stay out of the hospital this year",
        "Not be a burden on my family",
        "Understand what all these pills are for",
        "Get back to my Tuesday card game",
        "Cook my own meals again",
    ),
    "older": (
        "Walk to church again",
        "Stay independent and not go to a nursing home",
        "Make it to my granddaughter's wedding in June",
        "Keep driving as long as I safely can",
        "Go fishing with my son this summer",
    ),
    "younger": (
        "Keep my job and live on my own",
        "Get my own apartment",
        "Go back to school for my GED",
    ),
    "dm": ("Keep my sugars under control so I can see my grandkids",),
    "hf": ("Keep the swelling in my legs down so I can get around",),
    "breathing": ("Breathe well enough to work in my garden",),
    "mood": ("Feel like myself again",),
    "pain": ("Have less pain so I can walk the dog",),
    "stroke": ("Keep my blood pressure down so I don't have another stroke",),
    "smoking": ("Quit smoking for good",),
    "memory": ("Stay at home with my family as long as we can",),
    "falls": ("Not fall again",),
}
"""What matters most, in the client's own words: for anyone (None), by age, or by a tag."""

CHANGE_IN_THREE_MONTHS = (
    "Walk to the mailbox without getting winded",
    "Have my pills sorted without help",
    "Not miss any doctor appointments",
    "Sleep better",
    "Lose 10 pounds",
    "Feel less lonely",
    "Get grab bars put in the bathroom",
    "No trips to the emergency room",
    "Pay the electric bill on time",
    "Get out of the house twice a week",
)
CONTACT_TIMES = (
    "Weekday mornings",
    "After 10 am",
    "Afternoons, after 2 pm",
    "Any weekday",
    "Tuesdays and Thursdays",
    "Late morning; not at lunchtime",
)
CONTACT_TIMES_WORKING = ("Evenings after 5 on work days", "Lunch break, 12-1", "Fridays")

HISTORY_CHANGES = (
    "No new diagnoses or hospital visits since the last review.",
    "Specialist visit last month; no changes to the plan.",
    "Reports no changes; conditions match the record.",
    "Flu shot and COVID booster up to date; no new problems.",
)
STAY_CHANGE = "{kind} stay at {facility} in {month}: {reason}. Discharge papers reviewed."

ADHERENCE_TROUBLE = {
    "unsure": (
        "I forget the {med} at night sometimes.",
        "I'm not sure what the {med} is for, so I skip it some days.",
        "The {med} costs too much, so I stretch it out.",
    ),
    "not_taking": (
        "I stopped the {med}; it made me dizzy.",
        "I ran out of {med} last month and haven't picked it up.",
    ),
}
"""Adherence problems in the client's words, by how they answered about one medicine."""
ADHERENCE_FINE = (
    "No problems; uses a weekly pill box.",
    "No problems taking them.",
    "Takes them with breakfast and supper; no trouble.",
)

SUPPORTS = {
    "walker": "walker", "cane": "cane", "shower_chair": "shower chair",
    "grab_bars": "grab bars", "pendant": "medical alert pendant", "bed": "hospital bed",
    "wheelchair": "wheelchair", "oxygen": "home oxygen", "toilet": "raised toilet seat",
}
"""Equipment a client may have at home: key -> words in the home section."""

CARE_TASKS_LIGHT = (
    "groceries and rides to appointments",
    "fills the pill box and pays the bills",
    "cooking and laundry on weekends",
    "phone calls most days and the heavy cleaning",
)
CARE_TASKS_HEAVY = (
    "bathing, dressing and meals",
    "help in and out of bed, bathing and all meals",
    "showers, medicines and getting to the toilet at night",
)
STRAIN_LOW = (
    "Managing fine; it's not much.",
    "Glad to help; works around the job.",
    "Fine for now.",
)
STRAIN_HIGH = (
    "Tired. Haven't had a day off in months.",
    "Worried about keeping this up with their own health problems.",
    "Stressful, but we get by; would like a break now and then.",
)
NO_CAREGIVER = "No one helps regularly; manages on their own."
CHECKS_IN = "No regular help; {who} checks in by phone."
HOME_AIDE = "Home health aide three mornings a week; no family caregiver."

SAFETY_ACTIONS = {
    "suicidal_ideation": (
        "Safety plan reviewed; 988 given; PCP notified same day.",
        "Asked about plan and means: no plan, no firearms at home. Safety plan made with the "
        "client; 988 given; PCP and behavioral health notified today.",
    ),
    "physical_harm": (
        "Client safe now; the person does not live with them. Hotline number given; Adult "
        "Protective Services report made today.",
        "Spoke privately; client feels safe tonight. DV hotline and APS number given; "
        "APS report filed; PCP informed.",
    ),
}
"""What the care manager did after a safety flag, as written on the safety screen."""
