//! What `etika validate` and `etika answer` say, in every language etika
//! speaks: finding messages, the summary lines, the answer's receipt. Fixed
//! texts are fields; texts with values in them are functions, so a
//! translation that forgets one is a compile error, like `assess::Words`.
//! Rule ids, levels and field names are not here: they are English in every
//! language, so scripts and `--format json` readers never depend on it.
//! Values quoted from the files reach these functions already quoted
//! (`code_span`), so every text keeps the escapes.

use crate::confine::{Refused, Scope};
use crate::date::{Period, PeriodUnit};
use crate::text::Lang;
use crate::value::{Expected, Invalid};
use crate::watch::Unwatchable;

/// A part an action lacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ActionPart {
    Text,
    Owner,
    Due,
}

/// Why an evidence entry cannot be found.
#[derive(Debug)]
pub(crate) enum EvidenceProblem {
    /// A link with a scheme evidence may not use (lower-cased).
    Scheme(String),
    /// `#part` without a file.
    OnlyPart,
    NoFile,
    Refused(Refused),
}

pub(crate) struct Say {
    // Findings of `etika validate`; `id` is the item id in backticks where
    // the text starts with it.
    pub(crate) unknown_item:
        fn(id: &str, checklist: &str, version: &str, removed_in: Option<&str>, close: Option<&str>) -> String,
    pub(crate) signoff_not_a_date: fn(name: &str, date: &str) -> String,
    /// `class` is "regime: class"; `because` the answers that put the system in it.
    pub(crate) class_blocks: fn(class: &str, because: &str) -> String,
    pub(crate) class_blocks_open: fn(class: &str, because: &str) -> String,
    pub(crate) impact_level: fn(level: &str) -> String,
    pub(crate) blocking_gap: fn(id: &str, severity: &str, sources: &str) -> String,
    pub(crate) required_not_applicable: fn(id: &str, sources: &str) -> String,
    pub(crate) required_ruled_out: fn(id: &str, sources: &str) -> String,
    pub(crate) signoff_role_missing: fn(name: &str, sources: &str, roles: &str) -> String,
    pub(crate) no_signoff: &'static str,
    pub(crate) signoff_after_today: fn(name: &str, date: &str, today: &str) -> String,
    pub(crate) signoff_answers_changed: fn(name: &str, date: &str) -> String,
    pub(crate) signoff_older: fn(name: &str, date: &str, latest: &str) -> String,
    pub(crate) signoff_required_by: fn(why: &str, sources: &str) -> String,
    pub(crate) signoff_add: fn(why: &str) -> String,
    pub(crate) signed_by: fn(name: &str, date: &str) -> String,
    pub(crate) watched: fn(entry: &str, problem: &str) -> String,
    pub(crate) watch_no_digest: fn(by: &str) -> String,
    pub(crate) watch_commits: fn(count: usize, commits: &str, more: bool) -> String,
    pub(crate) watch_changed: fn(by: &str, since: &str) -> String,
    pub(crate) watch_unreadable: fn(why: &str, by: &str) -> String,
    pub(crate) unwatchable: fn(&Unwatchable) -> String,
    pub(crate) review_by_not_a_date: fn(text: &str) -> String,
    pub(crate) review_by_is: fn(due: &str) -> String,
    pub(crate) review_every: fn(checklist: &str, every: Period, name: &str, date: &str) -> String,
    pub(crate) review_due: fn(due: &str, why: &str) -> String,
    pub(crate) checklist_newer: fn(checklist: &str, made_with: &str, version: &str) -> String,
    pub(crate) version_invalid: fn(made_with: &str) -> String,
    /// `parts`: what a recorded fingerprint says changed (`question`, `type`, `options`, `severity`).
    pub(crate) stale_changed: fn(parts: &[&str]) -> String,
    pub(crate) stale_in_changelog: fn(checklist: &str, version: &str) -> String,
    pub(crate) stale_answer: fn(id: &str, what: &str, note: &str) -> String,
    pub(crate) version_moves_now: fn(version: &str) -> String,
    pub(crate) version_moves_after: fn(stale: usize, version: &str) -> String,
    pub(crate) version_other: fn(checklist: &str, made_with: &str, version: &str, next: &str) -> String,
    /// A base checklist (`extends`) whose version moved on since the one recorded (if any).
    pub(crate) base_moved: fn(base: &str, recorded: Option<&str>, checklist: &str, version: &str) -> String,
    pub(crate) missing_answer: fn(id: &str, added_in: Option<&str>) -> String,
    pub(crate) not_applicable_answered: fn(id: &str) -> String,
    pub(crate) invalid: fn(&Invalid) -> String,
    pub(crate) rationale_unknown: &'static str,
    pub(crate) rationale_not_applicable: &'static str,
    pub(crate) rationale_required: &'static str,
    pub(crate) evidence_needed: &'static str,
    pub(crate) action_adverse: fn(value: &str) -> String,
    pub(crate) action_context_not_applicable: &'static str,
    pub(crate) action_unknown: &'static str,
    pub(crate) action_lacks: fn(&[ActionPart]) -> String,
    pub(crate) not_a_date: fn(text: &str) -> String,
    pub(crate) due_not_a_date: fn(due: &str) -> String,
    pub(crate) overdue: fn(due: &str, owner: Option<&str>) -> String,
    pub(crate) evidence: fn(entry: &str, &EvidenceProblem) -> String,
    // The text output of `etika validate`.
    pub(crate) passed: &'static str,
    pub(crate) failed: &'static str,
    pub(crate) unreadable: &'static str,
    pub(crate) errors: fn(count: usize) -> String,
    pub(crate) warnings: fn(count: usize) -> String,
    pub(crate) checked: fn(
        files: usize,
        passed: usize,
        failed: usize,
        unreadable: usize,
        errors: &str,
        warnings: &str,
    ) -> String,
    /// The column heads of the GitHub step summary's two tables.
    pub(crate) files_table: &'static str,
    pub(crate) findings_table: &'static str,
    pub(crate) more_in_validate: fn(count: usize) -> String,
    pub(crate) no_default_file: fn(file: &str) -> String,
    pub(crate) no_assessment_in: fn(folder: &str) -> String,
    // `etika answer`.
    pub(crate) recorded: fn(item: &str, value: &str, file: &str) -> String,
    pub(crate) still_needed: &'static str,
    pub(crate) note: &'static str,
    pub(crate) moved_to_version: fn(file: &str, checklist: &str, version: &str) -> String,
    pub(crate) has_comments: fn(file: &str) -> String,
    pub(crate) no_such_item: fn(checklist: &str, version: &str, id: &str, show: &str) -> String,
    pub(crate) does_not_apply: fn(id: &str, items: &str) -> String,
    pub(crate) depends_on: fn(id: &str, items: &str) -> String,
    pub(crate) flag_not_a_date: fn(flag: &str, text: &str) -> String,
    pub(crate) conflict: fn(file: &str, item: &str, now: Option<&str>) -> String,
}

pub(crate) fn say(lang: Lang) -> &'static Say {
    match lang {
        Lang::En => &EN,
        Lang::Id => &ID,
    }
}

fn s(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

fn en_expected(expected: &Expected) -> String {
    let escapes = "unknown, n/a";
    match expected {
        Expected::OneOf(values) => format!("one of: {}, {escapes}", values.join(", ")),
        Expected::ListOf(values) => format!("a list of: {} (or {escapes})", values.join(", ")),
        Expected::Text => format!("some text (or {escapes})"),
        Expected::Scale => format!("a whole number from 1 to 5 (or {escapes})"),
    }
}

fn id_expected(expected: &Expected) -> String {
    let escapes = "unknown, n/a";
    match expected {
        Expected::OneOf(values) => format!("salah satu dari: {}, {escapes}", values.join(", ")),
        Expected::ListOf(values) => format!("daftar berisi: {} (atau {escapes})", values.join(", ")),
        Expected::Text => format!("teks (atau {escapes})"),
        Expected::Scale => format!("bilangan bulat dari 1 sampai 5 (atau {escapes})"),
    }
}

/// `a`, `a dan b`, `a, b, dan c`.
fn id_list(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => (*one).to_string(),
        [first, second] => format!("{first} dan {second}"),
        [rest @ .., last] => format!("{}, dan {last}", rest.join(", ")),
    }
}

fn id_scope(scope: Scope) -> &'static str {
    match scope {
        Scope::Repository => "repositorinya",
        Scope::Folder => "foldernya sendiri (penilaian ini tidak berada di repositori git)",
    }
}

fn id_refused(refused: &Refused, io: &str) -> String {
    match refused {
        Refused::NotRelative => "harus berupa jalur relatif terhadap folder penilaian".to_string(),
        Refused::Outside { scope } => format!("mengarah ke luar {}", id_scope(*scope)),
        Refused::InGit => "mengarah ke dalam folder `.git` repositori".to_string(),
        Refused::Io(error) => format!("{io}: {error}"),
    }
}

pub(crate) const EN: Say = Say {
    unknown_item: |id, checklist, version, removed_in, close| {
        let removed = removed_in
            .map(|version| format!(" (removed in version {version})"))
            .unwrap_or_default();
        let hint = close
            .map(|close| format!("; did you mean `{close}`?"))
            .unwrap_or_default();
        format!("answer to {id}, which checklist {checklist} {version} does not have{removed}{hint}")
    },
    signoff_not_a_date: |name, date| format!("sign-off by {name}: {date} is not a date (YYYY-MM-DD)"),
    class_blocks: |class, because| {
        format!(
            "{class} applies ({because}): do not deploy the system in this form; no safeguard elsewhere \
             offsets it"
        )
    },
    class_blocks_open: |class, because| {
        format!(
            "{class} may apply ({because}): find out before going further, and answer with what the system \
             does (or the option for none)"
        )
    },
    impact_level: |level| format!("impact level {level}"),
    blocking_gap: |id, severity, sources| {
        format!(
            "{id}: a {severity}-severity gap blocks under {sources}: close it and change the answer; an \
             action alone is not enough"
        )
    },
    required_not_applicable: |id, sources| {
        format!("{id}: {sources} requires this item, so `n/a` is not an answer: answer what is in place")
    },
    required_ruled_out: |id, sources| {
        format!("{id}: {sources} requires this item even though the context answers rule it out: answer it")
    },
    signoff_role_missing: |name, sources, roles| {
        if roles.is_empty() {
            format!("the sign-off by {name} names no role; {sources} requires a sign-off by a named role")
        } else {
            format!("the sign-off by {name} is not by a role that may sign under {sources} ({roles})")
        }
    },
    no_signoff: "no sign-off is recorded",
    signoff_after_today: |name, date, today| {
        format!(
            "the latest sign-off ({name} on {date}) is dated after today ({today}), so it signs nothing yet"
        )
    },
    signoff_answers_changed: |name, date| {
        format!("the answers changed since the sign-off by {name} on {date}; review them and sign again")
    },
    signoff_older: |name, date, latest| {
        format!(
            "the latest sign-off ({name} on {date}) is older than answers recorded on {latest}; review and sign again"
        )
    },
    signoff_required_by: |why, sources| {
        format!("{why}: {sources} requires a sign-off by someone accountable, with their role")
    },
    signoff_add: |why| {
        format!("{why}: add `signoff:` with name, role and date once the assessment is reviewed")
    },
    signed_by: |name, date| format!("the sign-off by {name} on {date}"),
    watched: |entry, problem| format!("watched {entry} {problem}"),
    watch_no_digest: |by| format!("is watched, but {by} has no digest of it: review it and sign again"),
    watch_commits: |count, commits, more| {
        format!(
            "; {} since: {commits}{}",
            if count == 1 { "1 commit" } else { "commits" },
            if more { "; …" } else { "" }
        )
    },
    watch_changed: |by, since| {
        format!("changed since {by}{since}: re-check the answers it affects, then sign again")
    },
    watch_unreadable: |why, by| format!("{why} now (it was signed in {by})"),
    unwatchable: ToString::to_string,
    review_by_not_a_date: |text| format!("`review_by`: {text} is not a date (YYYY-MM-DD)"),
    review_by_is: |due| format!("`review_by` is {due}"),
    review_every: |checklist, every, name, date| {
        format!(
            "checklist {checklist} asks for a review {every} after each sign-off, and the last was by {name} on {date}"
        )
    },
    review_due: |due, why| {
        format!("the assessment was due for review on {due} ({why}): review it, then sign again")
    },
    checklist_newer: |checklist, made_with, version| {
        format!(
            "the assessment was made against {checklist} {made_with}, newer than the {version} this etika knows; upgrade etika"
        )
    },
    version_invalid: |made_with| {
        format!(
            "`checklist.version` {made_with} is not a version (MAJOR.MINOR.PATCH), so etika cannot tell which \
             answers changed since; set it to the version the assessment was made against"
        )
    },
    stale_changed: |parts| format!("the {} changed since this answer was given", parts.join(" and ")),
    stale_in_changelog: |checklist, version| format!("the question changed in {checklist} {version}"),
    stale_answer: |id, what, note| {
        format!("`{id}`: {what}{note}: review the answer (`etika assess` asks it first, or `etika answer`)")
    },
    version_moves_now: |version| {
        format!(
            "no answered item changed, so the next save (`etika answer`, `etika assess`) moves it to {version}"
        )
    },
    version_moves_after: |stale, version| {
        format!(
            "once the {stale} answer(s) reported as `stale-answer` are reviewed, it moves to {version} by itself"
        )
    },
    version_other: |checklist, made_with, version, next| {
        format!(
            "the assessment was made against {checklist} {made_with} but the checklist is now {version}; {next}"
        )
    },
    base_moved: |base, recorded, checklist, version| {
        let was = match recorded {
            Some(recorded) => format!("{base} {recorded}"),
            None => format!("no version of {base}"),
        };
        format!(
            "the assessment records {was}, which {checklist} extends, but it is now {version}; the answers to its changed \
             items are reported as `stale-answer`, and once they are reviewed the next save records {version}"
        )
    },
    missing_answer: |id, added_in| {
        let added = added_in
            .map(|version| format!(" (new in version {version} of the checklist)"))
            .unwrap_or_default();
        format!("`{id}` is not answered{added}")
    },
    not_applicable_answered: |id| {
        format!(
            "`{id}` does not apply given the context answers; its answer is kept in case the context changes back"
        )
    },
    invalid: |invalid| match invalid {
        Invalid::NoneChosen(options) => {
            format!("choose at least one of: {} (or unknown, n/a)", options.join(", "))
        }
        Invalid::NotAnOption { word, expected } => {
            format!("{word} is not an option; expected {}", en_expected(expected))
        }
        Invalid::Exclusive(value) => format!("`{value}` cannot be combined with other options"),
        Invalid::Empty(expected) => format!("the answer is empty; expected {}", en_expected(expected)),
        Invalid::NotValid { value, expected } => {
            format!(
                "{value} is not a valid answer; expected {}",
                en_expected(expected)
            )
        }
    },
    rationale_unknown: "an `unknown` answer needs a rationale: what is missing to answer it?",
    rationale_not_applicable: "an `n/a` answer needs a rationale: why does it not apply?",
    rationale_required: "this item needs a rationale",
    evidence_needed: "this answer needs evidence (a document path or URL)",
    action_adverse: |value| format!("the answer {value} needs an action with text, owner and due date"),
    action_context_not_applicable: "`n/a` on a context question counts as `unknown`, a gap: add an action saying \
                                    who finds out, and by when",
    action_unknown: "`unknown` is a gap too: add an action saying who finds out, and by when",
    action_lacks: |parts| {
        let names: Vec<&str> = parts
            .iter()
            .map(|part| match part {
                ActionPart::Text => "text",
                ActionPart::Owner => "owner",
                ActionPart::Due => "due date",
            })
            .collect();
        format!("the action has no {}", names.join(" and no "))
    },
    not_a_date: |text| format!("{text} is not a date (YYYY-MM-DD)"),
    due_not_a_date: |due| format!("due date {due} is not a date (YYYY-MM-DD)"),
    overdue: |due, owner| {
        format!(
            "action was due {due}{}",
            owner
                .map(|owner| format!(" (owner: {owner})"))
                .unwrap_or_default()
        )
    },
    evidence: |entry, problem| {
        let problem = match problem {
            EvidenceProblem::Scheme(scheme) => format!(
                "is a `{scheme}:` link; evidence is a path in the repository or an http(s), mailto, urn or doi link"
            ),
            EvidenceProblem::OnlyPart => "names only a part (`#…`) of no file".to_string(),
            EvidenceProblem::NoFile => {
                "names no file or folder (paths are relative to the assessment's folder)".to_string()
            }
            EvidenceProblem::Refused(Refused::NotRelative) => {
                "is an absolute path; write it relative to the assessment's folder, or give a URL".to_string()
            }
            EvidenceProblem::Refused(Refused::Outside { scope }) => format!("leads outside {scope}"),
            EvidenceProblem::Refused(Refused::InGit) => {
                "leads into the repository's `.git` folder".to_string()
            }
            EvidenceProblem::Refused(Refused::Io(error)) => format!("cannot be checked: {error}"),
        };
        format!("evidence {entry} {problem}")
    },
    passed: "passed",
    failed: "failed",
    unreadable: "unreadable",
    errors: |count| format!("{count} error{}", s(count)),
    warnings: |count| format!("{count} warning{}", s(count)),
    checked: |files, passed, failed, unreadable, errors, warnings| {
        format!(
            "checked {files} file{}: {passed} passed, {failed} failed, {unreadable} unreadable ({errors}, {warnings})",
            s(files)
        )
    },
    files_table: "| file | result | errors | warnings |",
    findings_table: "| where | level | rule | message |",
    more_in_validate: |count| format!("…and {count} more; run `etika validate` for all of them."),
    no_default_file: |file| {
        format!(
            "no {file} here, which `etika validate` checks when no PATH is given; name the \
             assessment files or folders to check, or create one with `etika init`"
        )
    },
    no_assessment_in: |folder| {
        format!(
            "{folder} holds no assessment file (a .yaml or .yml file with a top-level `etika:` key; \
             hidden folders and links are not searched)"
        )
    },
    recorded: |item, value, file| format!("Recorded `{item}` = {value} in {file}."),
    still_needed: "still needed",
    note: "note",
    moved_to_version: |file, checklist, version| {
        format!("note: no answer is left to review: {file} now follows checklist {checklist} {version}")
    },
    has_comments: |file| {
        format!("note: {file} has comments of its own; etika rewrites the file and does not keep them")
    },
    no_such_item: |checklist, version, id, show| {
        format!(
            "checklist {checklist} {version} has no item {id}; `etika checklist show {show}` lists the items"
        )
    },
    does_not_apply: |id, items| {
        format!(
            "`{id}` does not apply to this system given its answers to {items}; change those answers first if it should"
        )
    },
    depends_on: |id, items| format!("`{id}` depends on {items}, which must be answered first"),
    flag_not_a_date: |flag, text| format!("{flag} {text} is not a date (YYYY-MM-DD)"),
    conflict: |file, item, now| {
        format!(
            "{file}: the answer to `{item}` was changed by someone else while etika had the file open \
             (now: {}); nothing was written. Look at their answer, then run the command again with \
             --overwrite to replace it",
            now.unwrap_or("removed")
        )
    },
};

pub(crate) const ID: Say = Say {
    unknown_item: |id, checklist, version, removed_in, close| {
        let removed = removed_in
            .map(|version| format!(" (dihapus di versi {version})"))
            .unwrap_or_default();
        let hint = close
            .map(|close| format!("; mungkin maksud Anda `{close}`?"))
            .unwrap_or_default();
        format!(
            "jawaban untuk {id}, butir yang tidak ada di daftar periksa {checklist} {version}{removed}{hint}"
        )
    },
    signoff_not_a_date: |name, date| format!("pengesahan oleh {name}: {date} bukan tanggal (YYYY-MM-DD)"),
    class_blocks: |class, because| {
        format!(
            "{class} berlaku ({because}): jangan menerapkan sistem dalam bentuk ini; tidak ada pengaman di \
             bagian lain yang dapat mengimbanginya"
        )
    },
    class_blocks_open: |class, because| {
        format!(
            "{class} mungkin berlaku ({because}): cari tahu hal ini sebelum melangkah lebih jauh, lalu jawab \
             dengan apa yang dilakukan sistem (atau pilihan yang menyatakan tidak ada)"
        )
    },
    impact_level: |level| format!("tingkat dampak {level}"),
    blocking_gap: |id, severity, sources| {
        let severity = match severity {
            "low" => "rendah",
            "medium" => "sedang",
            "high" => "tinggi",
            _ => "kritis",
        };
        format!(
            "{id}: celah dengan tingkat keparahan {severity} tidak boleh tersisa pada {sources}: tutup celah \
             ini, lalu ubah jawabannya; rencana tindakan saja tidak cukup"
        )
    },
    required_not_applicable: |id, sources| {
        format!(
            "{id}: {sources} mewajibkan butir ini, sehingga `n/a` bukan jawaban: jawab dengan apa yang sudah ada"
        )
    },
    required_ruled_out: |id, sources| {
        format!(
            "{id}: {sources} mewajibkan butir ini, meskipun jawaban konteks mengecualikannya: jawablah butir ini"
        )
    },
    signoff_role_missing: |name, sources, roles| {
        if roles.is_empty() {
            format!(
                "pengesahan oleh {name} tidak menyebut peran; {sources} mewajibkan pengesahan oleh peran yang disebutkan"
            )
        } else {
            format!(
                "pengesahan oleh {name} bukan oleh peran yang boleh mengesahkan menurut {sources} ({roles})"
            )
        }
    },
    no_signoff: "belum ada pengesahan yang tercatat",
    signoff_after_today: |name, date, today| {
        format!(
            "pengesahan terakhir ({name} pada {date}) bertanggal sesudah hari ini ({today}), sehingga belum \
             mengesahkan apa pun"
        )
    },
    signoff_answers_changed: |name, date| {
        format!(
            "jawaban berubah sejak pengesahan oleh {name} pada {date}; tinjau jawaban tersebut, lalu sahkan kembali"
        )
    },
    signoff_older: |name, date, latest| {
        format!(
            "pengesahan terakhir ({name} pada {date}) lebih lama daripada jawaban yang dicatat pada {latest}; \
             tinjau, lalu sahkan kembali"
        )
    },
    signoff_required_by: |why, sources| {
        format!("{why}: {sources} mewajibkan pengesahan oleh orang yang bertanggung jawab, beserta perannya")
    },
    signoff_add: |why| {
        format!("{why}: tambahkan `signoff:` berisi nama, peran, dan tanggal setelah penilaian ditinjau")
    },
    signed_by: |name, date| format!("pengesahan oleh {name} pada {date}"),
    watched: |entry, problem| format!("{entry} yang dipantau {problem}"),
    watch_no_digest: |by| {
        format!("tidak memiliki ringkasan hash (digest) dalam {by}: tinjau, lalu sahkan kembali")
    },
    watch_commits: |_, commits, more| {
        format!("; commit sejak itu: {commits}{}", if more { "; …" } else { "" })
    },
    watch_changed: |by, since| {
        format!("berubah sejak {by}{since}: periksa kembali jawaban yang terdampak, lalu sahkan kembali")
    },
    watch_unreadable: |why, by| format!("kini {why} (jalur ini tercakup dalam {by})"),
    unwatchable: |unwatchable| match unwatchable {
        Unwatchable::Nothing(false) => "tidak cocok dengan berkas mana pun".to_string(),
        Unwatchable::Nothing(true) => "tidak cocok dengan berkas mana pun yang dilacak git".to_string(),
        Unwatchable::Refused(refused) => id_refused(refused, "tidak dapat dibaca"),
        Unwatchable::Io(error) => format!("tidak dapat dibaca: {error}"),
        Unwatchable::BadGlob(why) => format!("bukan pola glob yang valid: {why}"),
    },
    review_by_not_a_date: |text| format!("`review_by`: {text} bukan tanggal (YYYY-MM-DD)"),
    review_by_is: |due| format!("`review_by` bertanggal {due}"),
    review_every: |checklist, every, name, date| {
        let (n, unit) = every.amount();
        let unit = match unit {
            PeriodUnit::Years => "tahun",
            PeriodUnit::Months => "bulan",
            PeriodUnit::Days => "hari",
        };
        format!(
            "daftar periksa {checklist} meminta peninjauan {n} {unit} setelah setiap pengesahan, dan \
             pengesahan terakhir dilakukan oleh {name} pada {date}"
        )
    },
    review_due: |due, why| {
        format!("penilaian ini seharusnya ditinjau pada {due} ({why}): tinjau, lalu sahkan kembali")
    },
    checklist_newer: |checklist, made_with, version| {
        format!(
            "penilaian ini dibuat dengan daftar periksa {checklist} {made_with}, lebih baru daripada versi \
             {version} yang dikenal etika ini; perbarui etika"
        )
    },
    version_invalid: |made_with| {
        format!(
            "`checklist.version` {made_with} bukan versi (MAJOR.MINOR.PATCH), sehingga etika tidak dapat \
             menentukan jawaban mana yang berubah sejak itu; isi dengan versi yang dipakai saat penilaian dibuat"
        )
    },
    stale_changed: |parts| {
        let names: Vec<&str> = parts
            .iter()
            .map(|part| match *part {
                "question" => "pertanyaan",
                "type" => "jenis jawaban",
                "options" => "pilihan jawaban",
                "severity" => "tingkat keparahan",
                other => other,
            })
            .collect();
        format!("{} berubah sejak jawaban ini diberikan", id_list(&names))
    },
    stale_in_changelog: |checklist, version| {
        format!("pertanyaannya berubah di daftar periksa {checklist} {version}")
    },
    stale_answer: |id, what, note| {
        format!(
            "`{id}`: {what}{note}: tinjau jawabannya (`etika assess` menanyakannya lebih dulu, atau gunakan \
             `etika answer`)"
        )
    },
    version_moves_now: |version| {
        format!(
            "tidak ada butir terjawab yang berubah, sehingga penyimpanan berikutnya (`etika answer`, \
             `etika assess`) memindahkannya ke {version}"
        )
    },
    version_moves_after: |stale, version| {
        format!(
            "setelah {stale} jawaban yang dilaporkan sebagai `stale-answer` ditinjau, penilaian ini pindah ke \
             {version} dengan sendirinya"
        )
    },
    version_other: |checklist, made_with, version, next| {
        format!(
            "penilaian ini dibuat dengan daftar periksa {checklist} {made_with}, tetapi daftar periksa itu kini \
             versi {version}; {next}"
        )
    },
    base_moved: |base, recorded, checklist, version| {
        let was = match recorded {
            Some(recorded) => format!("{base} {recorded}"),
            None => format!("tidak ada versi {base}"),
        };
        format!(
            "penilaian ini mencatat {was}, yang diperluas oleh daftar periksa {checklist}, tetapi versinya kini \
             {version}; jawaban untuk butirnya yang berubah dilaporkan sebagai `stale-answer`, dan setelah \
             jawaban itu ditinjau, penyimpanan berikutnya mencatat {version}"
        )
    },
    missing_answer: |id, added_in| {
        let added = added_in
            .map(|version| format!(" (baru di versi {version} daftar periksa)"))
            .unwrap_or_default();
        format!("`{id}` belum dijawab{added}")
    },
    not_applicable_answered: |id| {
        format!(
            "`{id}` tidak berlaku menurut jawaban konteks; jawabannya tetap disimpan seandainya konteks berubah \
             kembali"
        )
    },
    invalid: |invalid| match invalid {
        Invalid::NoneChosen(options) => {
            format!(
                "pilih sedikitnya satu dari: {} (atau unknown, n/a)",
                options.join(", ")
            )
        }
        Invalid::NotAnOption { word, expected } => {
            format!(
                "{word} bukan pilihan yang tersedia; yang diharapkan: {}",
                id_expected(expected)
            )
        }
        Invalid::Exclusive(value) => format!("`{value}` tidak dapat digabungkan dengan pilihan lain"),
        Invalid::Empty(expected) => format!("jawabannya kosong; yang diharapkan: {}", id_expected(expected)),
        Invalid::NotValid { value, expected } => {
            format!(
                "{value} bukan jawaban yang valid; yang diharapkan: {}",
                id_expected(expected)
            )
        }
    },
    rationale_unknown: "jawaban `unknown` memerlukan alasan: apa yang belum ada untuk menjawabnya?",
    rationale_not_applicable: "jawaban `n/a` memerlukan alasan: mengapa butir ini tidak berlaku?",
    rationale_required: "butir ini memerlukan alasan",
    evidence_needed: "jawaban ini memerlukan bukti (jalur berkas dokumen atau URL)",
    action_adverse: |value| {
        format!("jawaban {value} memerlukan tindakan dengan teks, penanggung jawab, dan tenggat")
    },
    action_context_not_applicable: "`n/a` pada pertanyaan konteks dihitung sebagai `unknown`, yaitu sebuah \
                                    celah: tambahkan tindakan yang menyebutkan siapa yang mencari tahu, dan \
                                    kapan tenggatnya",
    action_unknown: "`unknown` juga merupakan celah: tambahkan tindakan yang menyebutkan siapa yang mencari \
                     tahu, dan kapan tenggatnya",
    action_lacks: |parts| {
        let names: Vec<&str> = parts
            .iter()
            .map(|part| match part {
                ActionPart::Text => "teks",
                ActionPart::Owner => "penanggung jawab",
                ActionPart::Due => "tenggat",
            })
            .collect();
        format!("tindakan ini tidak memiliki {}", id_list(&names))
    },
    not_a_date: |text| format!("{text} bukan tanggal (YYYY-MM-DD)"),
    due_not_a_date: |due| format!("tenggat {due} bukan tanggal (YYYY-MM-DD)"),
    overdue: |due, owner| {
        format!(
            "tenggat tindakan ini, {due}, sudah lewat{}",
            owner
                .map(|owner| format!(" (penanggung jawab: {owner})"))
                .unwrap_or_default()
        )
    },
    evidence: |entry, problem| {
        let problem = match problem {
            EvidenceProblem::Scheme(scheme) => format!(
                "adalah tautan `{scheme}:`; bukti berupa jalur di repositori atau tautan http(s), mailto, urn, \
                 atau doi"
            ),
            EvidenceProblem::OnlyPart => "hanya menyebut bagian (`#…`) tanpa nama berkas".to_string(),
            EvidenceProblem::NoFile => {
                "tidak menunjuk berkas atau folder yang ada (jalur dihitung relatif terhadap folder penilaian)"
                    .to_string()
            }
            EvidenceProblem::Refused(Refused::NotRelative) => {
                "adalah jalur absolut; tulis jalur yang relatif terhadap folder penilaian, atau berikan URL"
                    .to_string()
            }
            EvidenceProblem::Refused(refused) => id_refused(refused, "tidak dapat diperiksa"),
        };
        format!("bukti {entry} {problem}")
    },
    passed: "lolos",
    failed: "gagal",
    unreadable: "tidak terbaca",
    errors: |count| format!("{count} kesalahan"),
    warnings: |count| format!("{count} peringatan"),
    checked: |files, passed, failed, unreadable, errors, warnings| {
        format!(
            "{files} berkas diperiksa: {passed} lolos, {failed} gagal, {unreadable} tidak terbaca ({errors}, {warnings})"
        )
    },
    files_table: "| berkas | hasil | kesalahan | peringatan |",
    findings_table: "| lokasi | level | aturan | pesan |",
    more_in_validate: |count| {
        format!("…dan {count} lainnya; jalankan `etika validate` untuk melihat semuanya.")
    },
    no_default_file: |file| {
        format!(
            "tidak ada {file} di sini, yaitu berkas yang diperiksa `etika validate` bila PATH tidak diberikan; \
             sebutkan berkas penilaian atau folder yang akan diperiksa, atau buat penilaian baru dengan \
             `etika init`"
        )
    },
    no_assessment_in: |folder| {
        format!(
            "{folder} tidak berisi berkas penilaian (berkas .yaml atau .yml dengan kunci `etika:` di tingkat \
             teratas; folder tersembunyi dan tautan tidak ditelusuri)"
        )
    },
    recorded: |item, value, file| format!("Tercatat `{item}` = {value} di {file}."),
    still_needed: "masih diperlukan",
    note: "catatan",
    moved_to_version: |file, checklist, version| {
        format!(
            "catatan: tidak ada lagi jawaban yang perlu ditinjau: {file} kini mengikuti daftar periksa \
             {checklist} {version}"
        )
    },
    has_comments: |file| {
        format!(
            "catatan: {file} berisi komentar; etika menulis ulang berkas ini dan tidak mempertahankan komentar \
             tersebut"
        )
    },
    no_such_item: |checklist, version, id, show| {
        format!(
            "daftar periksa {checklist} {version} tidak memiliki butir {id}; `etika checklist show {show}` \
             mencantumkan butir-butirnya"
        )
    },
    does_not_apply: |id, items| {
        format!(
            "`{id}` tidak berlaku untuk sistem ini menurut jawaban atas {items}; ubah jawaban tersebut lebih \
             dulu jika butir ini seharusnya berlaku"
        )
    },
    depends_on: |id, items| format!("`{id}` bergantung pada {items}, yang harus dijawab lebih dulu"),
    flag_not_a_date: |flag, text| format!("{flag} {text} bukan tanggal (YYYY-MM-DD)"),
    conflict: |file, item, now| {
        format!(
            "{file}: jawaban untuk `{item}` diubah oleh orang lain selagi etika membuka berkas ini (kini: {}); \
             tidak ada yang ditulis. Periksa jawaban mereka, lalu jalankan perintah ini lagi dengan \
             --overwrite untuk menggantinya",
            now.unwrap_or("dihapus")
        )
    },
};
