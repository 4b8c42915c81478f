"""The fixed texts the demo's care plans are drawn from: for each kind of problem its goal (with
the client's own words and a measurable target) and its interventions (who, how often, when
first), the plan's other sections in plain words, and progress notes. Data only, no logic.

In the texts, `{given}` is the client's first name, `{carer}` a family caregiver's ("Maria
(daughter)"), `{doctor}` the care-team member who sees to the problem.
"""

from typing import NamedTuple


class Step(NamedTuple):
    """An intervention: who carries it out (`care_manager`, `client`, `family`, `care_team`,
    `community`), what, how often, and in how many days it is first due (None: a habit of the
    client's or the family's, which starts with the plan, as finalising an undated repeating
    intervention makes it; a daily habit is kept weekly, or the queue would show it every
    day)."""

    owner: str
    text: str
    frequency: str
    first_due: int | None


class Theme(NamedTuple):
    problem: str
    goal: str
    client_words: str
    measure: str
    target: str
    months: int
    """The goal's target date, in months from the plan."""
    steps: tuple[Step, ...]
    symptoms: str
    """What the client knows to watch for (the symptom-management section)."""
    notes: tuple[str, ...]
    """Progress notes on the goal, in the care manager's words."""


CM, CLIENT, FAMILY, TEAM, COMMUNITY = (
    "care_manager", "client", "family", "care_team", "community")

THEMES: dict[str, Theme] = {
    "dm": Theme(
        "Blood sugar above goal (type 2 diabetes)", "A1c under 8% at the next blood test",
        "Keep my sugars under control so I can see my grandkids", "A1c", "under 8%", 4,
        (Step(CM, "Review the blood sugar log with {given} by phone", "fortnightly", 7),
         Step(CLIENT, "Check blood sugar before breakfast each day; send the week's log",
              "weekly", None),
         Step(TEAM, "A1c blood test and diabetes medicine review", "once", 75)),
        "Knows the signs of a low sugar and keeps glucose tablets by the bed.",
        ("Fasting sugars 140-170 this fortnight; eating breakfast regularly now.",
         "Log shows most mornings under 150. Proud of it.",
         "Two readings over 250 after a birthday party; back on track since."),
    ),
    "hf": Theme(
        "Fluid build-up and shortness of breath (heart failure)",
        "No hospital stay for heart failure in the next 6 months",
        "Keep the swelling in my legs down so I can get around", "Hospital stays for heart failure",
        "none", 6,
        (Step(CLIENT, "Weigh every morning, send the week's weights; call if up 3 lb in a day "
              "or 5 lb in a week", "weekly", None),
         Step(CM, "Go over daily weights, swelling and breathing with {given}", "weekly", 3),
         Step(TEAM, "Heart failure follow-up visit", "once", 30)),
        "Weighs daily; calls the cardiology office for a gain of 3 lb in a day or 5 lb in a week.",
        ("Weights steady within 2 lb all week; ankles less swollen.",
         "Up 4 lb over the weekend; {doctor}'s office raised the water pill for 3 days.",
         "No extra pillows needed at night this week."),
    ),
    "htn": Theme(
        "High blood pressure", "Home blood pressure average under 140/90",
        "Keep my blood pressure down so I don't have a stroke", "Home blood pressure average",
        "under 140/90", 3,
        (Step(CM, "Review the home blood pressure log with {given}", "fortnightly", 10),
         Step(CLIENT, "Check blood pressure at home three mornings a week", "weekly", None)),
        "Knows to call 911 for a blood pressure over 180/120 with chest pain or weakness.",
        ("BP log average 146/88 over 2 weeks.", "Average 136/82 since the new dose.",
         "Missed readings while away; restarted the log."),
    ),
    "breathing": Theme(
        "Short of breath with everyday activity (lung disease)",
        "Walk to the mailbox and back without stopping to rest",
        "Breathe well enough to work in my garden", "Walks to the mailbox without resting",
        "3 times a week", 3,
        (Step(CM, "Check inhaler technique, refills and the breathing action plan with {given}",
              "monthly", 14),
         Step(CLIENT, "Use the rescue inhaler as the action plan says; call if no better in "
              "20 minutes", "as_needed", None),
         Step(TEAM, "Pulmonary rehab evaluation", "once", 45)),
        "Has a written breathing action plan: rescue inhaler first, then the office, then 911.",
        ("Made it to the mailbox twice this week with one rest.",
         "A cold set things back; using the rescue inhaler 3 times a day.",
         "Walked to the mailbox and back without resting on Sunday."),
    ),
    "mood": Theme(
        "Low mood and loss of interest (depression)", "PHQ-9 score under 10",
        "Feel like myself again", "PHQ-9 score", "under 10", 3,
        (Step(CM, "Repeat the PHQ-9 and talk through the week with {given}", "monthly", 21),
         Step(TEAM, "Medicine follow-up", "once", 28),
         Step(CLIENT, "Plan the week's outings and calls to friends, one most days", "weekly",
              None)),
        "Knows the crisis line (988) and to call if thoughts of self-harm come back.",
        ("PHQ-9 down from 14 to 11; sleeping better.", "Stopped going to church; feels flat.",
         "Back at the Tuesday card game; PHQ-9 8."),
    ),
    "pain": Theme(
        "Chronic pain limits walking", "Walk the dog around the block 4 days a week",
        "Have less pain so I can walk the dog", "Days a week walking the dog", "4", 3,
        (Step(CM, "Ask about the pain score, walking and pain medicines", "fortnightly", 14),
         Step(TEAM, "Physical therapy evaluation", "once", 21),
         Step(CLIENT, "Do the therapist's stretches 10 minutes a day; note the days missed",
              "weekly", None)),
        "Uses acetaminophen first and heat; knows not to add over-the-counter NSAIDs.",
        ("Walking the dog twice a week; pain 5/10.", "Knee flared after the rain; pain 7/10.",
         "Four walks this week. Pain 3/10 most days."),
    ),
    "memory": Theme(
        "Memory loss; needs help with medicines and money",
        "Takes every dose from the pill organiser, with help",
        "Stay at home with my family as long as we can", "Doses missed a week", "none", 6,
        (Step(FAMILY, "{carer} fills the weekly pill organiser", "weekly", None),
         Step(CM, "Check in with {carer} about caregiving and any changes", "monthly", 14),
         Step(COMMUNITY, "Adult day program visit arranged", "once", 30)),
        "Family knows to call for new confusion, a fall or not eating.",
        ("No missed doses since the organiser started.", "Missed two evening doses; alarm set.",
         "Went to the adult day program twice; enjoyed the music."),
    ),
    "kidney": Theme(
        "Kidney function declining (chronic kidney disease)",
        "Keep kidney function steady: eGFR no more than 5 lower at the next test",
        "Stay off dialysis", "eGFR", "no more than 5 lower", 6,
        (Step(TEAM, "Kidney blood tests and visit", "once", 60),
         Step(CM, "Review medicines for kidney-safe doses with the pharmacist", "quarterly", 30)),
        "Avoids ibuprofen and naproxen; drinks to thirst.",
        ("eGFR 44, the same as in spring.", "Stopped the ibuprofen a friend passed on."),
    ),
    "rhythm": Theme(
        "Irregular heartbeat on a blood thinner (atrial fibrillation)",
        "No missed blood-thinner doses", "Not have a stroke", "Missed doses a month", "none", 3,
        (Step(CM, "Ask about missed doses, bleeding and falls", "monthly", 14),
         Step(TEAM, "Heart rhythm check", "once", 60)),
        "Knows the signs of a stroke (BE FAST) and to report black stools or nosebleeds.",
        ("No missed doses this month.", "One missed dose while travelling."),
    ),
    "stroke": Theme(
        "Risk of another stroke", "Blood pressure under 130/80 and no missed blood thinner",
        "Keep my blood pressure down so I don't have another stroke", "Home blood pressure",
        "under 130/80", 4,
        (Step(CM, "Review the blood pressure log and medicines with {given}", "fortnightly", 7),
         Step(TEAM, "Neurology follow-up", "once", 60)),
        "Knows the signs of a stroke (BE FAST) and to call 911 at once.",
        ("BP average 128/78.", "Left arm weaker after a long day; {doctor} saw {given} the same "
         "week, no new stroke."),
    ),
    "smoking": Theme(
        "Smokes cigarettes", "Smoke-free for 30 days", "Quit smoking for good",
        "Cigarettes a day", "0", 3,
        (Step(CM, "Quit-line follow-up call", "fortnightly", 7),
         Step(CLIENT, "A nicotine patch every morning; pick up the week's patches", "weekly",
              None)),
        "Uses the patch and gum for cravings; knows the quit line number.",
        ("Down to 5 a day.", "Smoked again after a stressful week; patch restarted.",
         "Two weeks smoke-free."),
    ),
    "weight": Theme(
        "Weight makes walking and breathing harder", "Lose 10 pounds",
        "Lose enough weight to walk without my knees hurting", "Weight", "10 lb less", 6,
        (Step(CM, "Talk through meals, activity and the weight log with {given}", "monthly", 21),
         Step(COMMUNITY, "Senior center exercise class sign-up", "once", 30)),
        "Weighs once a week on Monday mornings.",
        ("Down 3 lb.", "Weight the same; eating out more.", "Down 6 lb since the plan began."),
    ),
    "falls": Theme(
        "Fall risk: has fallen or feels unsteady", "No falls in the next 3 months",
        "Not fall again", "Falls", "none", 3,
        (Step(CM, "Home safety check with {given}: rugs, lighting, night lights", "once", 10),
         Step(COMMUNITY, "Grab bars put in the bathroom (home repair program)", "once", 45),
         Step(TEAM, "Physical therapy for strength and balance", "once", 30)),
        "Wears shoes with grip at home; gets up slowly at night.",
        ("No falls; rugs taken up in the hall.", "Tripped on the porch step, no injury.",
         "Grab bars in. No falls this month."),
    ),
    "food": Theme(
        "Runs out of food before the end of the month", "Enough food every day of the month",
        "Not go hungry at the end of the month", "Days without enough food last month", "0", 2,
        (Step(COMMUNITY, "Food bank and home-delivered meals started", "once", 14),
         Step(CM, "Ask whether the food lasted the month", "monthly", 30)),
        "", ("Meals on wheels started Monday.", "Food lasted the whole month."),
    ),
    "ride": Theme(
        "No ride to appointments", "Gets to every appointment this quarter",
        "Get to my doctor visits without begging for rides", "Missed appointments", "0", 3,
        (Step(COMMUNITY, "Medicaid transport ride scheduling set up", "once", 14),
         Step(CM, "Confirm rides before each appointment", "monthly", 20)),
        "", ("Used the ride service twice; on time.", "Missed the eye visit: the ride never "
             "came. Rebooked."),
    ),
}
"""The kinds of problem the demo plans are made of, by tag."""

CONDITION_THEMES = {
    "dm": "dm", "dm_hyper": "dm", "dm_neuro": "dm", "hf": "hf", "hfref": "hf", "hfpef": "hf",
    "htn": "htn", "copd": "breathing", "asthma": "breathing", "mdd": "mood", "gad": "mood",
    "bipolar": "mood", "pain": "pain", "back_pain": "pain", "oa_knee": "pain", "oa_both": "pain",
    "ra": "pain", "alzheimers": "memory", "dementia": "memory", "ckd": "kidney",
    "ckd3b": "kidney", "afib": "rhythm", "stroke": "stroke", "nicotine": "smoking",
    "obesity": "weight",
}
"""Condition key -> the theme of the problem a plan makes of it."""

SUGGESTION_THEMES = {"fall_risk": "falls", "food_insecurity": "food",
                     "transportation_barrier": "ride", "depression": "mood"}
"""An assessment's suggested problem (`suggest_problems` code) -> its theme."""

OTHER_CONDITION = Theme(
    "{condition}", "Stay stable and go to every visit",
    "Stay as well as I am now", "Visits kept", "all", 6,
    (Step(TEAM, "Follow-up visit", "once", 60),),
    "", ("Kept the visit; no changes.",),
)
"""A condition without a theme of its own."""

SYMPTOMS_ANY = ("Knows to call the care manager or the doctor's office for new or worse "
                "symptoms, and 911 in an emergency.")
CARE_MANAGERS = ("Dana Whitfield, RN", "Luis Ortega, LSW", "Keisha Brown, RN")

STRENGTHS = (
    "Knows every medicine by name and what it is for.",
    "Keeps a calendar of appointments on the fridge.",
    "Close to a neighbour who checks in most days.",
    "Motivated: asks good questions and follows through.",
    "Active in church; friends drive when needed.",
    "Good sense of humour; open about how things are going.",
)
BARRIERS = (
    "Cost of medicines; skips doses near the end of the month.",
    "Hard of hearing on the phone; prefers video or visits.",
    "No car; depends on others for rides.",
    "Lives alone; no one nearby in an emergency.",
    "Many appointments across different offices.",
    "Reads little English; daughter interprets.",
)
OUTCOMES = {
    "high": "Serious illness with hospital stays in the past year. Expected outcome: fewer "
            "hospital stays and staying at home with support; prognosis guarded.",
    "moderate": "Chronic conditions that are mostly stable. Expected outcome: stable health, "
                "goals met within 6 months; prognosis fair to good.",
    "low": "Stable chronic conditions. Expected outcome: keeps current health and "
           "independence; prognosis good.",
}
HOMES = (
    "Single-storey house; bathroom has no grab bars yet; good lighting.",
    "Second-floor apartment with stairs and a handrail; no elevator.",
    "Lives with family in a two-storey house; bedroom moved downstairs.",
    "Senior apartment with an emergency pull cord; laundry down the hall.",
    "Mobile home; front steps uneven; smoke alarm tested at the visit.",
)
COPY_TO_CLIENT = ("in_person", "mailed", "portal", "emailed")
DRAFT_NOTES = ("Quarterly review with the client by phone.",
               "Updated after the re-assessment.", "Reviewed with the client and family at "
               "a home visit.", "Review after the hospital stay.")
