"""Realistic report content for the renderer tests (PDF, DOCX, XLSX), built by hand.

The wording follows Portsmouth's Children's Trust Plan 2020-23 (``examples/portsmouth-2020-23``)
so that a rendered document reads like a real one; every figure is invented. Each builder
returns a fresh model, and tests derive variants with ``model_copy(update=...)``.

The board pack has what every renderer must handle: a red KPI, a special-cause concern, a KPI
with no data, actions due this quarter, overdue and complete, a priority with commentary and
risks and one with neither.
"""

from __future__ import annotations

import datetime as dt

from trustplan.documents.content import (
    ActionRow,
    AnnualPriority,
    AnnualReport,
    BoardPack,
    Commentary,
    KpiRow,
    ObjectiveRow,
    PlanOnAPage,
    PlanOnAPagePriority,
    PlanOnAPageTheme,
    PriorityPack,
    Rating,
    RiskRow,
    Scorecard,
    ScorecardRow,
)

AS_OF = dt.date(2021, 7, 15)
FROZEN_AT = dt.datetime(2021, 7, 20, 9, 30, tzinfo=dt.UTC)
QUARTER = "Quarter 1 2021/22"
BOARD = "Portsmouth Safeguarding Children Board Executive"
PARTNERSHIP = "Portsmouth Children's Trust"
PLAN_TITLE = "Children's Trust Plan 2020 - 2023"


def sparkline(points: str) -> str:
    """A word-sized line chart as the charts package makes them: an SVG with one polyline."""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 24" width="100" height="24">'
        f'<polyline fill="none" stroke="#0b0c0c" stroke-width="2" points="{points}"/></svg>'
    )


RISING = sparkline("2,20 20,18 38,17 56,12 74,10 92,6")
FALLING = sparkline("2,6 20,8 38,7 56,12 74,16 92,21")
FLAT = sparkline("2,12 20,11 38,13 56,12 74,12 92,11")


def kpi(number: str, title: str, **fields: object) -> KpiRow:
    """A KPI with the wording of an up-to-date quarterly figure unless ``fields`` say otherwise."""
    defaults: dict[str, object] = {
        "indicator_code": "example-" + number.replace(".", "-"),
        "latest_period": QUARTER,
        "data_status": "Up to date",
        "direction": "no_change",
        "direction_label": "No change",
    }
    return KpiRow.model_validate({"number": number, "title": title, **defaults, **fields})


def safeguarding_kpis() -> list[KpiRow]:
    """Five KPIs in plan order: an amber concern, a red, a green, a no-data and a green."""
    return [
        kpi(
            "2.1",
            "Early help assessments completed within 45 days",
            unit="%",
            latest="82.4%",
            interval="78.9% to 85.5%",
            target="90%",
            rag=Rating.AMBER,
            rag_explanation="Within 10% of the 90% target",
            variation="concern_low",
            variation_label="Special cause: concern (low)",
            assurance="hit_or_miss",
            assurance_label="May or may not meet target",
            direction="worsening",
            direction_label="Worsening",
            benchmark="better",
            benchmark_label="Better than England (77.9%)",
            headline="Timeliness fell for the third quarter running as demand rose after lockdown.",
            exception_reasons=["Special-cause concern"],
            owner="Early Help Service",
            sparkline_svg=FALLING,
        ),
        kpi(
            "2.2",
            "Re-referrals to children's social care within 12 months",
            unit="%",
            latest="27.5%",
            target="22%",
            rag=Rating.RED,
            rag_explanation="More than 10% above the 22% target",
            variation="concern_high",
            variation_label="Special cause: concern (high)",
            assurance="fail",
            assurance_label="Will not meet target without change",
            direction="worsening",
            direction_label="Worsening",
            benchmark="worse",
            benchmark_label="Worse than England (22.6%)",
            headline="Re-referrals are the highest since 2017; a multi-agency audit is under way.",
            exception_reasons=["Red rating", "Special-cause concern"],
            owner="Multi-Agency Safeguarding Hub",
            sparkline_svg=RISING,
        ),
        kpi(
            "2.3",
            "Child protection plans that are a second or subsequent plan",
            unit="%",
            latest="18.2%",
            target="20%",
            rag=Rating.GREEN,
            variation="common_cause",
            variation_label="Common cause",
            assurance="pass",
            assurance_label="Will consistently meet target",
            direction="improving",
            direction_label="Improving",
            benchmark="similar",
            benchmark_label="Similar to England (21.9%)",
            headline="Repeat child protection plans remain below target.",
            sparkline_svg=FLAT,
        ),
        kpi(
            "2.4",
            "Missing episodes followed by a return home interview within 72 hours",
            unit="%",
            latest_period=None,
            data_status="No data",
            exception_reasons=["No data"],
            direction="",
            direction_label="",
            owner="Missing, Exploited and Trafficked Team",
        ),
        kpi(
            "2.5",
            "First-time entrants to the youth justice system per 100,000 aged 10 to 17",
            latest="198 per 100,000",
            target="220 per 100,000",
            rag=Rating.GREEN,
            variation="improvement_low",
            variation_label="Special cause: improvement (low)",
            assurance="pass",
            assurance_label="Will consistently meet target",
            direction="improving",
            direction_label="Improving",
            benchmark="similar",
            benchmark_label="Similar to South East (205)",
            sparkline_svg=FALLING,
        ),
    ]


def semh_kpis() -> list[KpiRow]:
    return [
        kpi(
            "4.1",
            "Children and young people accessing NHS-funded mental health services",
            latest="2,315",
            target="2,400",
            rag=Rating.AMBER,
            variation="common_cause",
            variation_label="Common cause",
            assurance="hit_or_miss",
            assurance_label="May or may not meet target",
            direction="improving",
            direction_label="Improving",
            headline="Access has recovered to pre-pandemic levels.",
            sparkline_svg=RISING,
        ),
        kpi(
            "4.2",
            "Referrals to CAMHS seen within 18 weeks",
            unit="%",
            latest="64.0%",
            target="92%",
            rag=Rating.RED,
            variation="common_cause",
            variation_label="Common cause",
            assurance="fail",
            assurance_label="Will not meet target without change",
            direction="worsening",
            direction_label="Worsening",
            benchmark="worse",
            benchmark_label="Worse than England (72.1%)",
            headline="Waits for a first CAMHS appointment are longer than at any time since 2019.",
            exception_reasons=["Red rating"],
            sparkline_svg=FALLING,
        ),
        kpi(
            "4.3",
            "Schools with a trained senior mental health lead",
            unit="%",
            latest="71%",
            latest_period="Summer term 2021",
            target="60%",
            rag=Rating.GREEN,
            assurance_label="Not enough data points",
            direction="improving",
            direction_label="Improving",
            sparkline_svg=RISING,
        ),
        kpi(
            "4.4",
            "Hospital admissions for self-harm, aged 10 to 24, per 100,000",
            latest="512.6 per 100,000",
            latest_period="2019/20",
            data_status="Late: due 30 June 2021",
            rag=Rating.NOT_RATED,
            variation_label="Not enough data points",
            benchmark="worse",
            benchmark_label="Worse than England (439.2)",
            sparkline_svg=FLAT,
        ),
    ]


def action(number: str, title: str, *, due: dt.date, rating: Rating, **fields: object) -> ActionRow:
    defaults: dict[str, object] = {
        "owner": "Head of Early Help",
        "organisation": "Portsmouth City Council",
        "status": "On track",
        "update_state": "Approved",
    }
    return ActionRow.model_validate(
        {"number": number, "title": title, "due": due, "rating": rating, **defaults, **fields}
    )


def safeguarding_objectives() -> list[ObjectiveRow]:
    """Two objectives: one complete and on track, one with an overdue action."""
    return [
        ObjectiveRow(
            number="1",
            title="Universal services and early help",
            rating=Rating.GREEN,
            rating_rule="Green: every action is complete or on track",
            actions=[
                action(
                    "1.1",
                    "Launch the refreshed Portsmouth Thresholds with all partner agencies",
                    due=dt.date(2021, 6, 30),
                    rating=Rating.BLUE,
                    status="Complete",
                    due_this_quarter=True,
                    narrative="Launched at the partnership conference on 10 June 2021; "
                    "412 practitioners attended the briefings.",
                ),
                action(
                    "1.2",
                    "Train 200 practitioners as family lead professionals",
                    due=dt.date(2021, 9, 30),
                    rating=Rating.GREEN,
                    start=dt.date(2021, 4, 1),
                    owner="Workforce Development Lead",
                    narrative="146 trained so far.\n\nTwo further cohorts are booked for "
                    "August and September.",
                ),
                action(
                    "1.3",
                    "Publish the early help offer on the Family Information Service website",
                    due=dt.date(2021, 6, 30),
                    rating=Rating.GREEN,
                    status="On track",
                    due_this_quarter=True,
                    organisation="Portsmouth Parent Board",
                    owner="Chair of the Parent Board",
                    narrative="Co-produced with parents; goes live on 1 July 2021.",
                ),
            ],
        ),
        ObjectiveRow(
            number="2",
            title="An effective Multi-Agency Safeguarding Hub (MASH)",
            rating=Rating.RED,
            rating_rule="Red: one action is overdue",
            actions=[
                action(
                    "2.1",
                    "Audit re-referrals to find what the first response missed",
                    due=dt.date(2021, 5, 31),
                    rating=Rating.RED,
                    status="Delayed",
                    overdue=True,
                    owner="MASH Practice Lead",
                    organisation="Hampshire Constabulary",
                    narrative="Delayed by staff absence; the audit will report in August.",
                ),
                action(
                    "2.2",
                    "Agree a single MASH information-sharing agreement",
                    due=dt.date(2021, 6, 30),
                    rating=Rating.AMBER,
                    status="At risk",
                    due_this_quarter=True,
                    owner="Designated Nurse for Safeguarding",
                    organisation="Portsmouth Clinical Commissioning Group",
                    update_state="Not submitted",
                ),
            ],
        ),
    ]


def semh_objectives() -> list[ObjectiveRow]:
    return [
        ObjectiveRow(
            number="1",
            title="Early attachment",
            rating=Rating.AMBER,
            rating_rule="Amber: an action is at risk",
            actions=[
                action(
                    "1.1",
                    "Offer every family a perinatal mental health check at the 6-8 week review",
                    due=dt.date(2021, 6, 30),
                    rating=Rating.AMBER,
                    status="At risk",
                    due_this_quarter=True,
                    owner="Health Visiting Service Manager",
                    organisation="Solent NHS Trust",
                    narrative="Coverage is 78% against a 95% ambition.",
                ),
            ],
        ),
        ObjectiveRow(
            number="2",
            title="Wellbeing in education",
            rating=Rating.NOT_RATED,
            rating_rule="Not rated: no actions have started",
            actions=[],
        ),
    ]


def safeguarding_risks() -> list[RiskRow]:
    return [
        RiskRow(
            number="R1",
            description="Demand for early help outstrips capacity after schools return",
            likelihood=4,
            impact=4,
            rating=Rating.RED,
            mitigation="Temporary practitioners funded from the Covid recovery grant.",
            owner="Head of Early Help",
            review_date=dt.date(2021, 9, 30),
            trend="Increasing",
        ),
        RiskRow(
            number="R2",
            description="Information sharing between partners slows MASH decisions",
            likelihood=3,
            impact=4,
            rating=Rating.AMBER,
            mitigation="Information-sharing agreement to be signed by all partners.",
            owner="MASH Strategic Manager",
            review_date=dt.date(2021, 6, 30),
            review_overdue=True,
            trend="Stable",
        ),
        RiskRow(
            number="R3",
            description="Loss of experienced social workers to agency work",
            likelihood=2,
            impact=3,
            rating=Rating.GREEN,
            mitigation="Recruitment and retention payments agreed in March 2021.",
            owner="Director of Children's Services",
            review_date=dt.date(2021, 12, 31),
            trend="Decreasing",
        ),
    ]


def board_pack() -> BoardPack:
    """A published quarterly pack for a board governing two priorities."""
    return BoardPack(
        plan_title=PLAN_TITLE,
        partnership=PARTNERSHIP,
        board=BOARD,
        quarter="2021-Q1",
        quarter_label="Quarter 1 2021/22 (April to June 2021)",
        area="Portsmouth",
        as_of=AS_OF,
        version=2,
        state="Published, version 2",
        frozen_at=FROZEN_AT,
        frozen_by="Performance and Intelligence Manager",
        priorities=[
            PriorityPack(
                number="2",
                title="Safeguarding",
                board=BOARD,
                leads=["Director of Children's Services", "Detective Superintendent"],
                rating=Rating.RED,
                rating_rule="Red: a KPI is red and an objective is red",
                kpis=safeguarding_kpis(),
                objectives=safeguarding_objectives(),
                commentary=Commentary(
                    going_well="The refreshed Thresholds launched on time and were well "
                    "received.\n\nRepeat child protection plans stay below target.",
                    needs_to_improve="Re-referrals rose for a third quarter.\n\nThe MASH "
                    "audit is overdue and will now report in August.",
                    author="Strategic Lead for Safeguarding",
                ),
                risks=safeguarding_risks(),
            ),
            PriorityPack(
                number="4",
                title="Social, Emotional and Mental Health",
                board=BOARD,
                leads=["Deputy Director of Quality and Safeguarding"],
                rating=Rating.AMBER,
                rating_rule="Amber: a KPI is red but no objective is red",
                kpis=semh_kpis(),
                objectives=semh_objectives(),
            ),
        ],
    )


def annual_report(*, information_only: bool = True) -> AnnualReport:
    """The annual progress report to the Health and Wellbeing Board, for two priorities."""
    pack = board_pack()
    return AnnualReport(
        title_of_meeting="Health and Wellbeing Board",
        subject="Children's Trust Plan 2020 - 2023: annual progress report 2021/22",
        date_of_meeting=dt.date(2022, 9, 21),
        report_by="Director of Children, Families and Education",
        wards_affected="All",
        year="2021/22",
        purpose=[
            "To inform the Board of progress in the second year of the Children's Trust Plan."
        ],
        background=[
            "The Health and Wellbeing Board has taken on the strategic oversight of the "
            "Portsmouth Children's Trust and as such has overall responsibility for the "
            "Children's Trust Plan.",
            "Each priority reports quarterly to its governing board; this report summarises "
            "the year.",
        ],
        information_only=information_only,
        recommendations=[]
        if information_only
        else [
            "Note the progress made in 2021/22.",
            "Ask the Safeguarding Children Board Executive to report on re-referrals in December.",
        ],
        priorities=[
            AnnualPriority(
                number=priority.number,
                title=priority.title,
                board=priority.board,
                leads=priority.leads,
                rating=priority.rating,
                rating_rule=priority.rating_rule,
                kpi_ratings=ratings,
                actions_complete=complete,
                actions_total=total,
                going_well=going_well,
                needs_to_improve=needs,
                kpis=priority.kpis,
            )
            for priority, ratings, complete, total, going_well, needs in [
                (
                    pack.priorities[0],
                    {"red": 1, "amber": 1, "green": 2, "not_rated": 1},
                    14,
                    20,
                    ["Thresholds relaunched with every partner.", "Fewer repeat plans."],
                    ["Re-referrals within 12 months.", "Timeliness of early help."],
                ),
                (
                    pack.priorities[1],
                    {"red": 1, "amber": 1, "green": 1, "not_rated": 1},
                    6,
                    11,
                    ["Access to mental health services recovered."],
                    [],
                ),
            ]
        ],
        signed_by="Director of Children, Families and Education, Portsmouth City Council",
        background_documents=[
            "Children's Trust Plan 2020 - 2023 (Health and Wellbeing Board, 23 September 2020)",
            "Quarterly board packs, 2021/22",
        ],
        as_of=dt.date(2022, 5, 31),
    )


THEMES = [
    ("a", "A Deal with Parents", ["Confident parenting", '"You do, we\'ll do"', "Co-production"]),
    (
        "b",
        "Portsmouth Model of Family Practice",
        [
            "Restorative and Relational Practice",
            "Trauma-Informed Practice and PACE",
            "Whole-family practice and Lead Professionals",
        ],
    ),
    (
        "c",
        "Strong Organisations: Excellent Workforce",
        [
            "Leadership development",
            "Restorative organisations",
            "High quality professional development - training and coaching",
        ],
    ),
    (
        "d",
        "Performance and Quality Management",
        ["Needs Assessments", "Key Performance Data", "Audits of front-line practice"],
    ),
    (
        "e",
        "Community Capacity Building",
        [
            "A strong and vibrant voluntary and community sector",
            "Peer-led support for children and families",
        ],
    ),
    (
        "f",
        "Tackling Racism",
        [
            "Addressing unconscious bias in services",
            "Educating children and young people to cherish equality",
        ],
    ),
]

PRIORITIES = [
    (
        "Education Strategy",
        "Portsmouth Education Partnership Board",
        "Attainment and progress; Inclusion; Digital learning; Literacy and language; Recruit "
        "and retain teachers; Covid-secure schools; Safeguarding in schools; Emotional health "
        "& wellbeing; School attendance; Sufficient school places",
    ),
    (
        "The Safeguarding Strategy",
        "Portsmouth Safeguarding Children Board Executive",
        "Universal services & early help; Integrated Early Help Service; Effective MASH; "
        "Family Safeguarding practice; Youth offending and violence; Exploitation & missing "
        "children; Tackling domestic abuse; Reducing neglect; Quality assurance and learning; "
        "Intelligence-led safeguarding",
    ),
    (
        "Physical Health Strategy",
        "CYP Physical Health Board",
        "Advice and guidance; Reduce childhood obesity; Increase physical activity; Effective "
        "sexual health advice; Alcohol and substance misuse; Promote breastfeeding; Reducing "
        "health inequalities in pregnancy; Immunisations & vaccinations; Long-term conditions",
    ),
    (
        "Social, Emotional and Mental Health Strategy",
        "SEMH Board",
        "Early attachment; Advice, guidance and self-help; Strong, confident workforce; Early "
        "help and digital offer; Wellbeing in education; Neuro-diversity pathway; LAC and care "
        "leavers; Other vulnerable groups of children; CAMHS developments; Suicide prevention; "
        "Loss and bereavement",
    ),
    (
        "Corporate Parenting Strategy",
        "Corporate Parenting Board",
        "Integrated multi-agency service; Enabling strong relationships; Quality care and "
        "pathway plans; High quality placements and accommodation; Improve placement "
        "stability; Improve education, employment and training; Physical and mental health; "
        "Transform care leavers offer",
    ),
    (
        "SEND Strategy",
        "The SEND Board",
        "SEND inclusion; Inclusion of children with SEMH needs; Preparing for adulthood; "
        "Autism and neurodiversity; SEND Joint Commissioning; Co-production with children and "
        "families; Workforce and practice",
    ),
    (
        "Covid-19 Response and Recovery",
        "Children's Trust Board",
        "Covid-secure services; Catch-up learning; Vulnerable children seen face to face; "
        "Recovery of health visiting; Mental health of young people after lockdown; Support "
        "for families in financial hardship; Vaccination of eligible young people",
    ),
]


def plan_on_a_page(priorities: int = 6) -> PlanOnAPage:
    """The 2020-23 Plan on a Page (6 priorities of 7-11 objectives), or with a 7th, Covid-19."""
    return PlanOnAPage(
        partnership=PARTNERSHIP,
        title=PLAN_TITLE,
        themes_label="Strategic Spine",
        themes=[PlanOnAPageTheme(code=c, title=t, bullets=b) for c, t, b in THEMES],
        priorities=[
            PlanOnAPagePriority(
                number=str(n),
                heading=heading,
                board=board,
                objectives=[
                    (f"{n}.{i}", title) for i, title in enumerate(objectives.split("; "), 1)
                ],
            )
            for n, (heading, board, objectives) in enumerate(PRIORITIES[:priorities], 1)
        ],
    )


def scorecard() -> Scorecard:
    """Every KPI of the example board pack, in plan order, filtered to its board."""
    pack = board_pack()
    return Scorecard(
        plan_title=PLAN_TITLE,
        partnership=PARTNERSHIP,
        as_of=AS_OF,
        area="Portsmouth",
        filters=f"Board: {BOARD}",
        rows=[
            ScorecardRow(
                priority_number=priority.number,
                priority_title=priority.title,
                board=priority.board,
                themes=["d"],
                kpi=row,
            )
            for priority in pack.priorities
            for row in priority.kpis
        ],
    )
