//! The built-in checklist's risk model on systems a reviewer can picture:
//! each scenario's context answers, and the impact level, points and legal
//! classes it must get. A change to the model's points, floors or classes
//! that moves a system shows here first.

use crate::checklist::BUILTIN;

/// The least risky answer to every context question; scenarios change some.
const BASE: &[(&str, &str)] = &[
    ("context.lifecycle-stage", "production"),
    ("context.decision-role", "none"),
    ("context.domain", "[internal-tools]"),
    ("context.severity", "minor"),
    ("context.reversibility", "reversible-brief"),
    ("context.scale", "small"),
    ("context.personal-data", "none"),
    ("context.vulnerable-groups", "none"),
    ("context.children", "\"no\""),
    ("context.monitors-people", "none"),
    ("context.workforce-effect", "none"),
    ("context.manages-workers", "none"),
    ("context.interaction", "[neither]"),
    ("context.techniques", "[classical-ml]"),
    ("context.generative-ai", "\"no\""),
    ("context.model-source", "in-house"),
    ("context.ongoing-learning", "static"),
    ("context.public-sector", "none"),
    ("context.eu-reach", "\"no\""),
    ("context.prohibited-practices", "[none]"),
];

struct Scenario {
    name: &'static str,
    answers: &'static [(&'static str, &'static str)],
    level: &'static str,
    points: u32,
    /// `regime/class` of every class that applies, in order.
    classes: &'static [&'static str],
}

const SCENARIOS: &[Scenario] = &[
    Scenario {
        name: "internal LLM summariser of meeting notes",
        answers: &[
            ("context.scale", "medium"),
            ("context.personal-data", "ordinary"),
            ("context.interaction", "[generates-content]"),
            ("context.techniques", "[deep-learning]"),
            ("context.generative-ai", "\"yes\""),
            ("context.genai-capabilities", "[answers-only]"),
            ("context.model-source", "vendor"),
        ],
        level: "I",
        points: 2,
        classes: &["eu-ai-act/minimal", "uu-pdp/general"],
    },
    Scenario {
        name: "bank FAQ chatbot that only informs customers",
        answers: &[
            ("context.domain", "[customer-service]"),
            ("context.scale", "very-large"),
            ("context.personal-data", "financial-or-children"),
            ("context.vulnerable-groups", "present"),
            ("context.interaction", "[interacts]"),
            ("context.generative-ai", "\"yes\""),
            ("context.genai-capabilities", "[retrieval]"),
            ("context.model-source", "vendor"),
            ("context.eu-reach", "\"yes\""),
        ],
        level: "II",
        points: 7,
        classes: &["eu-ai-act/transparency", "uu-pdp/dpia", "uu-pdp/dpo"],
    },
    Scenario {
        name: "chatbot that explains loan eligibility",
        answers: &[
            ("context.decision-role", "informs"),
            ("context.domain", "[customer-service, other-finance]"),
            ("context.severity", "moderate"),
            ("context.reversibility", "reversible-months"),
            ("context.scale", "very-large"),
            ("context.personal-data", "financial-or-children"),
            ("context.vulnerable-groups", "present"),
            ("context.interaction", "[interacts]"),
            ("context.generative-ai", "\"yes\""),
            ("context.genai-capabilities", "[retrieval]"),
            ("context.eu-reach", "\"yes\""),
        ],
        level: "II",
        points: 10,
        classes: &["eu-ai-act/transparency", "uu-pdp/dpia", "uu-pdp/dpo"],
    },
    Scenario {
        name: "CV screening that ranks applicants for a recruiter",
        answers: &[
            ("context.decision-role", "recommends"),
            ("context.domain", "[employment]"),
            ("context.severity", "serious"),
            ("context.reversibility", "reversible-months"),
            ("context.scale", "medium"),
            ("context.personal-data", "ordinary"),
            ("context.vulnerable-groups", "present"),
            ("context.manages-workers", "manages"),
            ("context.eu-reach", "\"yes\""),
        ],
        level: "II",
        points: 10,
        classes: &["eu-ai-act/high-risk", "uu-pdp/general"],
    },
    Scenario {
        name: "credit scoring that recommends to a loan officer",
        answers: &[
            ("context.decision-role", "recommends"),
            ("context.domain", "[credit-insurance]"),
            ("context.severity", "serious"),
            ("context.reversibility", "reversible-months"),
            ("context.scale", "large"),
            ("context.personal-data", "financial-or-children"),
            ("context.vulnerable-groups", "present"),
            ("context.eu-reach", "\"yes\""),
        ],
        level: "III",
        points: 12,
        classes: &[
            "eu-ai-act/high-risk",
            "eu-ai-act/fria",
            "uu-pdp/dpia",
            "uu-pdp/dpo",
        ],
    },
    Scenario {
        name: "fully automated credit scoring of over a million people",
        answers: &[
            ("context.decision-role", "automated"),
            ("context.domain", "[credit-insurance]"),
            ("context.severity", "serious"),
            ("context.reversibility", "hard-to-reverse"),
            ("context.scale", "very-large"),
            ("context.personal-data", "financial-or-children"),
            ("context.vulnerable-groups", "present"),
            ("context.ongoing-learning", "retrained"),
            ("context.eu-reach", "\"yes\""),
        ],
        level: "IV",
        points: 17,
        classes: &[
            "eu-ai-act/high-risk",
            "eu-ai-act/fria",
            "uu-pdp/dpia",
            "uu-pdp/dpo",
        ],
    },
    Scenario {
        name: "automated rules that cut off a benefit, severe and irreversible, few people",
        answers: &[
            ("context.decision-role", "automated"),
            ("context.domain", "[other]"),
            ("context.severity", "severe"),
            ("context.reversibility", "irreversible"),
            ("context.personal-data", "ordinary"),
            ("context.techniques", "[rules]"),
            ("context.public-sector", "public"),
        ],
        // 13 of 22 points is level III; the floors lift it.
        level: "IV",
        points: 13,
        classes: &["eu-ai-act/minimal", "uu-pdp/dpia", "uu-pdp/dpo"],
    },
    Scenario {
        name: "social scoring, outside the EU",
        answers: &[
            ("context.decision-role", "recommends"),
            ("context.prohibited-practices", "[social-scoring]"),
        ],
        level: "I",
        points: 2,
        classes: &["eu-ai-act/prohibited", "uu-pdp/general"],
    },
];

fn evaluate(answers: &[(&str, &str)]) -> (String, u32, Vec<String>) {
    let checklist = BUILTIN[0].load().unwrap();
    let mut text = String::new();
    for (id, default) in BASE {
        let value = answers
            .iter()
            .find(|(a, _)| a == id)
            .map_or(*default, |(_, v)| *v);
        text.push_str(&format!("  {id}: {{value: {value}}}\n"));
    }
    for (id, value) in answers
        .iter()
        .filter(|(id, _)| !BASE.iter().any(|(b, _)| b == id))
    {
        text.push_str(&format!("  {id}: {{value: {value}}}\n"));
    }
    super::evaluated(&checklist, &text, |evaluation| {
        let impact = &evaluation.standing.impact;
        assert!(impact.complete, "every context question answered");
        let classes = evaluation
            .standing
            .legal
            .iter()
            .flat_map(|r| r.classes.iter().map(move |c| format!("{}/{}", r.regime, c.class)))
            .collect();
        (impact.level.as_str().to_string(), impact.points, classes)
    })
}

#[test]
fn each_scenario_gets_its_level_and_classes() {
    let mut wrong = Vec::new();
    for scenario in SCENARIOS {
        let (level, points, classes) = evaluate(scenario.answers);
        if level != scenario.level || points != scenario.points || classes != scenario.classes {
            wrong.push(format!(
                "{}: level {level} ({points} points), classes {classes:?}; expected level {} ({} points), {:?}",
                scenario.name, scenario.level, scenario.points, scenario.classes
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_maximum_is_twenty_two_points_from_the_harm_questions_only() {
    let (_, points, _) = evaluate(&[
        ("context.decision-role", "automated"),
        ("context.severity", "severe"),
        ("context.reversibility", "irreversible"),
        ("context.scale", "very-large"),
        ("context.personal-data", "special"),
        ("context.vulnerable-groups", "present"),
        ("context.children", "\"yes\""),
        // Generic answers add nothing.
        ("context.domain", "[health]"),
        ("context.techniques", "[deep-learning]"),
        ("context.model-source", "vendor"),
        ("context.workforce-effect", "replaces-roles"),
    ]);
    assert_eq!(points, 22);
}

#[test]
fn not_knowing_scores_the_worst_and_assumes_the_stricter_classes() {
    let mut unknown: Vec<(&str, &str)> = BASE
        .iter()
        .filter(|(id, _)| *id != "context.lifecycle-stage")
        .map(|(id, _)| (*id, "unknown"))
        .collect();
    // Asked because whether the system is generative is not known either.
    unknown.push(("context.genai-capabilities", "unknown"));
    let (level, points, classes) = evaluate(&unknown);
    assert_eq!((level.as_str(), points), ("IV", 22));
    // Whether it does a prohibited practice is open: that class is assumed,
    // and being unsure it does not rule out the ones after it.
    assert_eq!(classes[0], "eu-ai-act/prohibited");
    assert!(
        classes.contains(&"eu-ai-act/high-risk".to_string()),
        "{classes:?}"
    );
    assert!(classes.contains(&"uu-pdp/dpia".to_string()), "{classes:?}");
}
