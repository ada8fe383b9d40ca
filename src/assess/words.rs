//! What `etika assess` says, in every language it speaks. Fixed texts are
//! fields; texts with values in them are functions, so a translation that
//! forgets one is a compile error, like `messages::Messages`.

use crate::diagnostic::Rule;
use crate::text::Lang;

pub(crate) struct Words {
    pub(crate) start: fn(system: &str, checklist: &str, version: &str, file: &str) -> String,
    pub(crate) counts: fn(applies: usize, up_to: usize, answered: usize, incomplete: usize) -> String,
    pub(crate) legend: &'static str,
    pub(crate) position:
        fn(section: &str, at: usize, of: usize, overall: usize, total: usize, up_to: usize) -> String,
    pub(crate) current: &'static str,
    pub(crate) incomplete: &'static str,
    pub(crate) back: &'static str,
    pub(crate) info: &'static str,
    pub(crate) no_info: &'static str,
    pub(crate) keys_select: &'static str,
    pub(crate) keys_multi: &'static str,
    pub(crate) keys_text: &'static str,
    pub(crate) keys_item_text: &'static str,
    pub(crate) keys_plain: &'static str,
    pub(crate) nothing_before: &'static str,
    pub(crate) save_failed: fn(reason: &str) -> String,
    pub(crate) try_again: &'static str,
    pub(crate) quit: &'static str,
    pub(crate) still_needed: &'static str,
    pub(crate) saved_incomplete: &'static str,
    pub(crate) no_longer_apply: &'static str,
    pub(crate) now_apply: fn(count: usize) -> String,
    pub(crate) section_done:
        fn(section: &str, answered: usize, applies: usize, actions: usize, incomplete: usize) -> String,
    pub(crate) skipped_question: fn(count: usize) -> String,
    pub(crate) now: &'static str,
    pub(crate) later: &'static str,
    pub(crate) conflict: fn(item: &str) -> String,
    pub(crate) theirs: &'static str,
    pub(crate) yours: &'static str,
    pub(crate) which_to_keep: &'static str,
    pub(crate) keep_theirs: &'static str,
    pub(crate) keep_mine: &'static str,
    pub(crate) earlier_hold: fn(value: &str) -> String,
    pub(crate) keep_earlier: &'static str,
    pub(crate) start_afresh: &'static str,
    pub(crate) action_still_open: fn(action: &str) -> String,
    pub(crate) keep_action: &'static str,
    pub(crate) remove_action: &'static str,
    pub(crate) due_past: &'static str,
    pub(crate) evidence_required: &'static str,
    pub(crate) escape_alone: fn(label: &str) -> String,
    pub(crate) exclusive_alone: fn(label: &str) -> String,
    pub(crate) select_one: &'static str,
    pub(crate) canceled: &'static str,
    pub(crate) comments: fn(file: &str) -> String,
    pub(crate) comments_go_on: &'static str,
    pub(crate) comments_quit: &'static str,
    pub(crate) saved_this_session: fn(count: usize, file: &str) -> String,
    pub(crate) validate_clean: &'static str,
    /// The impact level (`III`), its title, and the legal classes that apply.
    pub(crate) standing: fn(level: &str, title: &str, classes: &str) -> String,
    pub(crate) validate_found: fn(errors: usize, warnings: usize) -> String,
    pub(crate) more_findings: fn(count: usize) -> String,
    pub(crate) open_elsewhere: fn(sections: &str) -> String,
    pub(crate) next: &'static str,
    pub(crate) interrupted: fn(count: usize, file: &str) -> String,
    pub(crate) resume: fn(command: &str) -> String,
    pub(crate) not_created: fn(file: &str) -> String,
    pub(crate) checklist_ignored: fn(file: &str) -> String,
    pub(crate) moved_to_version: fn(checklist: &str, version: &str) -> String,
    pub(crate) editor_failed: &'static str,
    /// A validate finding in a few words (the full message is English only).
    pub(crate) finding: fn(Rule) -> &'static str,
}

pub(crate) fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::En => &EN,
        Lang::Id => &ID,
    }
}

fn s(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

pub(crate) const EN: Words = Words {
    start: |system, checklist, version, file| {
        format!(
            "Assessing {system} with checklist {checklist} {version}; every answer is saved to {file} at once."
        )
    },
    counts: |applies, up_to, answered, incomplete| {
        let mut text = format!(
            "{applies} {}",
            if applies == 1 {
                "item applies"
            } else {
                "items apply"
            }
        );
        if up_to > applies {
            text.push_str(&format!(
                " so far (up to {up_to} once the context questions are answered)"
            ));
        }
        text.push_str(&format!("; {answered} answered"));
        if incomplete > 0 {
            text.push_str(&format!(", {incomplete} of them incomplete (asked first)"));
        }
        text.push('.');
        text
    },
    legend: "Keys: ↑↓ and Enter answer · Esc skips for later · \"← Back\" (or `<` in a text answer) returns to the previous question · Ctrl-C saves and quits.",
    position: |section, at, of, overall, total, up_to| {
        let mut text = format!("{section} {at}/{of} · overall {overall}/{total}");
        if up_to > total {
            text.push_str(&format!(" (up to {up_to})"));
        }
        text
    },
    current: "Current answer:",
    incomplete: "Incomplete:",
    back: "← Back to the previous question",
    info: "ⓘ References and cases of real harm",
    no_info: "This item names no references or cases.",
    keys_select: "↑↓ · Enter · Esc later · Ctrl-C save, quit",
    keys_multi: "↑↓ · Space tick · Enter · Esc later",
    keys_text: "Enter · Esc skip · :e editor · Ctrl-C quit",
    keys_item_text: "Enter · Esc later · < back · ? info · :e editor",
    keys_plain: "Enter · Esc skip · Ctrl-C quit",
    nothing_before: "There is no earlier question in this session to go back to.",
    save_failed: |reason| format!("The answer could not be saved: {reason}"),
    try_again: "Try again",
    quit: "Quit (the answer is not saved)",
    still_needed: "Still needed:",
    saved_incomplete: "Saved as incomplete: `etika assess` comes back to it first.",
    no_longer_apply: "These answered items no longer apply given this answer; their answers stay in the file, and `etika validate` lists them as not applicable:",
    now_apply: |count| {
        if count == 1 {
            "1 more item applies now; it comes next.".to_string()
        } else {
            format!("{count} more items apply now; they come next.")
        }
    },
    section_done: |section, answered, applies, actions, incomplete| {
        let mut text = format!("{section}: {answered} of {applies} answered");
        if actions > 0 {
            text.push_str(&format!(" · {actions} open action{}", s(actions)));
        }
        if incomplete > 0 {
            text.push_str(&format!(" · {incomplete} incomplete"));
        }
        text
    },
    skipped_question: |count| {
        format!(
            "You skipped {count} item{}. Answer {} now?",
            s(count),
            if count == 1 { "it" } else { "them" }
        )
    },
    now: "Yes, now",
    later: "Later",
    conflict: |item| format!("Someone else changed the answer to {item} while you were answering it."),
    theirs: "Theirs:",
    yours: "Yours:",
    which_to_keep: "Which answer should the file keep?",
    keep_theirs: "Keep theirs",
    keep_mine: "Keep mine",
    earlier_hold: |value| {
        format!("The earlier rationale and action were given for the answer {value}. Do they still hold?")
    },
    keep_earlier: "Yes: start from them",
    start_afresh: "No: start afresh",
    action_still_open: |action| {
        format!("This answer needs no action. Keep the earlier action open ({action})?")
    },
    keep_action: "Keep it open",
    remove_action: "Remove it",
    due_past: "That date has passed; give today or a later date.",
    evidence_required: "This item needs evidence: a document path or URL (Esc leaves the item incomplete).",
    escape_alone: |label| {
        format!("\"{label}\" cannot be ticked together with other options: tick it alone, or untick it.")
    },
    exclusive_alone: |label| format!("\"{label}\" excludes the other options: tick it alone, or untick it."),
    select_one: "Tick at least one (Space), or press Esc to skip.",
    canceled: "<skipped>",
    comments: |file| {
        format!(
            "{file} has comments of its own. etika rewrites the file on every save and cannot keep them; move them into `rationale:` texts to keep them."
        )
    },
    comments_go_on: "Go on (the comments will be dropped at the first save)",
    comments_quit: "Quit, leaving the file as it is",
    saved_this_session: |count, file| format!("{count} answer{} saved in {file} this session.", s(count)),
    validate_clean: "`etika validate` finds nothing left to do.",
    standing: |level, title, classes| standing_line("Impact level", level, title, classes),
    validate_found: |errors, warnings| {
        if errors == 0 {
            return format!(
                "`etika validate` finds no errors, {warnings} warning{}:",
                s(warnings)
            );
        }
        let mut text = format!("`etika validate` still finds {errors} problem{}", s(errors));
        if warnings > 0 {
            text.push_str(&format!(" and {warnings} warning{}", s(warnings)));
        }
        text.push(':');
        text
    },
    more_findings: |count| format!("… and {count} more"),
    open_elsewhere: |sections| format!("Still open in other sections: {sections}."),
    next: "Next:",
    interrupted: |count, file| {
        format!(
            "Interrupted: {count} answer{} saved this session in {file}.",
            s(count)
        )
    },
    resume: |command| format!("Run `{command}` again to continue where you stopped."),
    not_created: |file| format!("Interrupted; {file} was not created."),
    checklist_ignored: |file| {
        format!("note: --checklist only applies when a new file is created; {file} keeps its checklist")
    },
    moved_to_version: |checklist, version| {
        format!("No answer is left to review: the assessment now follows checklist {checklist} {version}.")
    },
    editor_failed: "The editor could not be opened; type the text here instead.",
    finding: |rule| match rule {
        Rule::MissingAnswer => "no answer yet",
        Rule::ProhibitedPractice => {
            "a practice the checklist prohibits (EU AI Act Art. 5 in the built-in one)"
        }
        Rule::InvalidValue => "the answer does not fit the question",
        Rule::UnknownItem => "an answer to an item the checklist does not have",
        Rule::NotApplicableAnswered => "answered, but does not apply",
        Rule::MissingRationale => "a rationale",
        Rule::MissingEvidence => "evidence (a document path or URL)",
        Rule::EvidenceNotFound => "evidence that can be found (the path does not exist)",
        Rule::MissingAction => "an action with owner and due date",
        Rule::IncompleteAction => "the action's text, owner or due date",
        Rule::InvalidDate => "a real date (YYYY-MM-DD)",
        Rule::OverdueAction => "a new due date or the action done (it is overdue)",
        Rule::ChecklistVersion => "answers made against another checklist version",
        Rule::StaleAnswer => "a new answer (the question changed)",
        Rule::SystemChanged => "a new sign-off (the system changed since it was signed)",
        Rule::ReviewDue => "a review (the review date has passed)",
        Rule::MissingSignoff => "a sign-off (`etika sign`)",
        Rule::BlockingGap => "the gap closed (at this impact level or legal class an action is not enough)",
        Rule::RequiredItem => "an answer other than n/a (its legal class or impact level requires it)",
        _ => "a fix to the checklist",
    },
};

pub(crate) const ID: Words = Words {
    start: |system, checklist, version, file| {
        format!(
            "Menilai {system} dengan daftar periksa {checklist} {version}; setiap jawaban langsung disimpan ke {file}."
        )
    },
    counts: |applies, up_to, answered, incomplete| {
        let mut text = format!("{applies} butir berlaku");
        if up_to > applies {
            text.push_str(&format!(
                " sejauh ini (hingga {up_to} setelah pertanyaan konteks dijawab)"
            ));
        }
        text.push_str(&format!("; {answered} sudah dijawab"));
        if incomplete > 0 {
            text.push_str(&format!(
                ", {incomplete} di antaranya belum lengkap (ditanyakan lebih dulu)"
            ));
        }
        text.push('.');
        text
    },
    legend: "Tombol: ↑↓ dan Enter menjawab · Esc melewati untuk nanti · \"← Kembali\" (atau `<` pada jawaban teks) kembali ke pertanyaan sebelumnya · Ctrl-C menyimpan lalu keluar.",
    position: |section, at, of, overall, total, up_to| {
        let mut text = format!("{section} {at}/{of} · keseluruhan {overall}/{total}");
        if up_to > total {
            text.push_str(&format!(" (hingga {up_to})"));
        }
        text
    },
    current: "Jawaban saat ini:",
    incomplete: "Belum lengkap:",
    back: "← Kembali ke pertanyaan sebelumnya",
    info: "ⓘ Rujukan dan kasus kerugian nyata",
    no_info: "Butir ini tidak mencantumkan rujukan atau kasus.",
    keys_select: "↑↓ · Enter · Esc nanti · Ctrl-C simpan, keluar",
    keys_multi: "↑↓ · Spasi tandai · Enter · Esc nanti",
    keys_text: "Enter · Esc lewati · :e editor · Ctrl-C keluar",
    keys_item_text: "Enter · Esc nanti · < kembali · ? info · :e editor",
    keys_plain: "Enter · Esc lewati · Ctrl-C keluar",
    nothing_before: "Belum ada pertanyaan sebelumnya dalam sesi ini untuk kembali.",
    save_failed: |reason| format!("Jawaban tidak dapat disimpan: {reason}"),
    try_again: "Coba lagi",
    quit: "Keluar (jawaban tidak disimpan)",
    still_needed: "Masih diperlukan:",
    saved_incomplete: "Disimpan sebagai belum lengkap: `etika assess` akan kembali ke butir ini lebih dulu.",
    no_longer_apply: "Butir yang sudah dijawab ini tidak berlaku lagi karena jawaban tersebut; jawabannya tetap tersimpan di berkas, dan `etika validate` mencantumkannya sebagai tidak berlaku:",
    now_apply: |count| format!("{count} butir lain kini berlaku; butir itu ditanyakan berikutnya."),
    section_done: |section, answered, applies, actions, incomplete| {
        let mut text = format!("{section}: {answered} dari {applies} sudah dijawab");
        if actions > 0 {
            text.push_str(&format!(" · {actions} tindakan terbuka"));
        }
        if incomplete > 0 {
            text.push_str(&format!(" · {incomplete} belum lengkap"));
        }
        text
    },
    skipped_question: |count| format!("Anda melewati {count} butir. Jawab sekarang?"),
    now: "Ya, sekarang",
    later: "Nanti",
    conflict: |item| format!("Orang lain mengubah jawaban {item} selagi Anda menjawabnya."),
    theirs: "Jawaban mereka:",
    yours: "Jawaban Anda:",
    which_to_keep: "Jawaban mana yang disimpan di berkas?",
    keep_theirs: "Pakai jawaban mereka",
    keep_mine: "Pakai jawaban saya",
    earlier_hold: |value| {
        format!(
            "Alasan dan tindakan sebelumnya diberikan untuk jawaban {value}. Apakah keduanya masih berlaku?"
        )
    },
    keep_earlier: "Ya: mulai dari keduanya",
    start_afresh: "Tidak: mulai dari awal",
    action_still_open: |action| {
        format!(
            "Jawaban ini tidak memerlukan tindakan. Biarkan tindakan sebelumnya tetap terbuka ({action})?"
        )
    },
    keep_action: "Biarkan terbuka",
    remove_action: "Hapus",
    due_past: "Tanggal itu sudah lewat; isi tanggal hari ini atau sesudahnya.",
    evidence_required: "Butir ini memerlukan bukti: jalur berkas dokumen atau URL (Esc membiarkan butir ini belum lengkap).",
    escape_alone: |label| {
        format!(
            "\"{label}\" tidak dapat ditandai bersama pilihan lain: tandai pilihan itu saja, atau hapus tandanya."
        )
    },
    exclusive_alone: |label| {
        format!("\"{label}\" meniadakan pilihan lain: tandai pilihan itu saja, atau hapus tandanya.")
    },
    select_one: "Tandai sedikitnya satu pilihan (Spasi), atau tekan Esc untuk melewati.",
    canceled: "<dilewati>",
    comments: |file| {
        format!(
            "{file} berisi komentar. etika menulis ulang berkas ini setiap kali menyimpan dan tidak dapat mempertahankan komentar; pindahkan isinya ke teks `rationale:` agar tetap tersimpan."
        )
    },
    comments_go_on: "Lanjutkan (komentar akan hilang pada penyimpanan pertama)",
    comments_quit: "Keluar tanpa mengubah berkas",
    saved_this_session: |count, file| format!("{count} jawaban disimpan di {file} dalam sesi ini."),
    validate_clean: "`etika validate` tidak menemukan hal yang masih perlu dikerjakan.",
    standing: |level, title, classes| standing_line("Tingkat dampak", level, title, classes),
    validate_found: |errors, warnings| {
        if errors == 0 {
            return format!("`etika validate` tidak menemukan kesalahan, hanya {warnings} peringatan:");
        }
        let mut text = format!("`etika validate` masih menemukan {errors} masalah");
        if warnings > 0 {
            text.push_str(&format!(" dan {warnings} peringatan"));
        }
        text.push(':');
        text
    },
    more_findings: |count| format!("… dan {count} lainnya"),
    open_elsewhere: |sections| format!("Masih terbuka di bagian lain: {sections}."),
    next: "Berikutnya:",
    interrupted: |count, file| format!("Dihentikan: {count} jawaban dari sesi ini tersimpan di {file}."),
    resume: |command| format!("Jalankan `{command}` lagi untuk melanjutkan dari titik terakhir."),
    not_created: |file| format!("Dihentikan; {file} tidak dibuat."),
    checklist_ignored: |file| {
        format!(
            "catatan: --checklist hanya berlaku saat berkas baru dibuat; {file} tetap memakai daftar periksanya"
        )
    },
    moved_to_version: |checklist, version| {
        format!(
            "Tidak ada lagi jawaban yang perlu ditinjau: penilaian ini kini mengikuti daftar periksa {checklist} {version}."
        )
    },
    editor_failed: "Editor tidak dapat dibuka; ketik teksnya di sini.",
    finding: |rule| match rule {
        Rule::MissingAnswer => "belum dijawab",
        Rule::ProhibitedPractice => {
            "praktik yang dilarang daftar periksa (Pasal 5 AI Act Uni Eropa pada daftar periksa bawaan)"
        }
        Rule::InvalidValue => "jawaban tidak sesuai dengan pertanyaannya",
        Rule::UnknownItem => "jawaban untuk butir yang tidak ada di daftar periksa",
        Rule::NotApplicableAnswered => "sudah dijawab, tetapi tidak berlaku",
        Rule::MissingRationale => "alasan",
        Rule::MissingEvidence => "bukti (jalur berkas dokumen atau URL)",
        Rule::EvidenceNotFound => "bukti yang dapat ditemukan (jalurnya tidak ada)",
        Rule::MissingAction => "tindakan dengan penanggung jawab dan tenggat",
        Rule::IncompleteAction => "teks, penanggung jawab, atau tenggat tindakan",
        Rule::InvalidDate => "tanggal yang valid (YYYY-MM-DD)",
        Rule::OverdueAction => "tenggat baru atau tindakan yang sudah selesai (tenggatnya lewat)",
        Rule::ChecklistVersion => "jawaban yang dibuat untuk versi daftar periksa lain",
        Rule::StaleAnswer => "jawaban baru (pertanyaannya berubah)",
        Rule::SystemChanged => "pengesahan baru (sistem berubah sejak disahkan)",
        Rule::ReviewDue => "peninjauan ulang (tanggal tinjauan sudah lewat)",
        Rule::MissingSignoff => "pengesahan (`etika sign`)",
        Rule::BlockingGap => {
            "celah yang ditutup (pada tingkat dampak atau kelas hukum ini, rencana tindakan saja tidak cukup)"
        }
        Rule::RequiredItem => "jawaban selain n/a (diwajibkan oleh kelas hukum atau tingkat dampaknya)",
        _ => "perbaikan daftar periksa",
    },
};

/// `Impact level III (High impact); EU AI Act: …`, in the words of a language.
fn standing_line(words: &str, level: &str, title: &str, classes: &str) -> String {
    let title = if title.is_empty() {
        String::new()
    } else {
        format!(" ({title})")
    };
    let classes = if classes.is_empty() {
        String::new()
    } else {
        format!("; {classes}")
    };
    format!("{words} {level}{title}{classes}.")
}
