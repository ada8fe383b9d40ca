//! Fixed user-facing text of prompts and reports, in every language etika
//! speaks. A struct rather than a key lookup so a missing translation is a
//! compile error.

use serde::Serialize;

use crate::checklist::{Rating, Severity};
use crate::text::Lang;

#[derive(Debug, Serialize)]
pub(crate) struct Messages {
    // Answer values of yes-no items, and the two escapes every item accepts.
    pub(crate) yes: &'static str,
    pub(crate) partial: &'static str,
    pub(crate) no: &'static str,
    pub(crate) unknown: &'static str,
    pub(crate) not_applicable: &'static str,
    // Prompts.
    pub(crate) system_name: &'static str,
    pub(crate) rationale: &'static str,
    pub(crate) rationale_required: &'static str,
    pub(crate) required: &'static str,
    pub(crate) evidence: &'static str,
    pub(crate) action_text: &'static str,
    pub(crate) action_owner: &'static str,
    pub(crate) action_due: &'static str,
    pub(crate) not_a_date: &'static str,
    pub(crate) scale_low: &'static str,
    pub(crate) scale_high: &'static str,
    /// Before a stale item: what changed follows.
    pub(crate) stale_changed: &'static str,
    /// Before a stale item: the earlier answer follows.
    pub(crate) stale_earlier: &'static str,
    pub(crate) part_question: &'static str,
    pub(crate) part_type: &'static str,
    pub(crate) part_options: &'static str,
    pub(crate) part_severity: &'static str,
    pub(crate) references: &'static str,
    pub(crate) cases: &'static str,
    pub(crate) no_translation: &'static str,
    pub(crate) options: &'static str,
    pub(crate) options_any: &'static str,
    pub(crate) applies_when: &'static str,
    pub(crate) cond_is: &'static str,
    pub(crate) cond_one_of: &'static str,
    pub(crate) cond_not_in: &'static str,
    pub(crate) cond_includes: &'static str,
    pub(crate) cond_and: &'static str,
    pub(crate) cond_or: &'static str,
    pub(crate) cond_not: &'static str,
    // Severity and rating words, also in reports.
    pub(crate) severity: &'static str,
    pub(crate) overdue: &'static str,
    pub(crate) no_signoff: &'static str,
    pub(crate) rating_low: &'static str,
    pub(crate) rating_medium: &'static str,
    pub(crate) rating_high: &'static str,
    pub(crate) rating_critical: &'static str,
    pub(crate) severity_low: &'static str,
    pub(crate) severity_medium: &'static str,
    pub(crate) severity_high: &'static str,
    pub(crate) severity_critical: &'static str,
}

pub(crate) const EN: Messages = Messages {
    yes: "Yes",
    partial: "Partly",
    no: "No",
    unknown: "Don't know yet",
    not_applicable: "Not applicable",
    system_name: "Name of the AI system being assessed",
    rationale: "Rationale: why this answer?",
    rationale_required: "This answer needs a rationale.",
    required: "Please enter something, or press Esc to skip.",
    evidence: "Evidence: a document path or URL; an empty line finishes",
    action_text: "Action: what will be done to close the gap?",
    action_owner: "Owner of the action",
    action_due: "Due date (YYYY-MM-DD)",
    not_a_date: "Enter a date as YYYY-MM-DD, e.g. 2027-03-31.",
    scale_low: "low",
    scale_high: "high",
    stale_changed: "This item changed since it was answered:",
    stale_earlier: "Earlier answer (kept if you choose it again):",
    part_question: "the question",
    part_type: "the type",
    part_options: "the options",
    part_severity: "the severity",
    references: "References",
    cases: "Cases",
    no_translation: "has no text in this language; showing English",
    options: "Options",
    options_any: "Options (choose any)",
    applies_when: "Applies when",
    cond_is: "is",
    cond_one_of: "is one of",
    cond_not_in: "is answered and is not",
    cond_includes: "includes",
    cond_and: "and",
    cond_or: "or",
    cond_not: "not",
    severity: "Severity",
    overdue: "overdue",
    no_signoff: "Not signed off yet.",
    rating_low: "Low",
    rating_medium: "Medium",
    rating_high: "High",
    rating_critical: "Critical",
    severity_low: "low",
    severity_medium: "medium",
    severity_high: "high",
    severity_critical: "critical",
};

pub(crate) const ID: Messages = Messages {
    yes: "Ya",
    partial: "Sebagian",
    no: "Tidak",
    unknown: "Belum tahu",
    not_applicable: "Tidak berlaku",
    system_name: "Nama sistem AI yang dinilai",
    rationale: "Alasan: mengapa jawaban ini?",
    rationale_required: "Jawaban ini memerlukan alasan.",
    required: "Mohon isi terlebih dahulu, atau tekan Esc untuk melewati.",
    evidence: "Bukti: jalur berkas dokumen atau URL; baris kosong untuk selesai",
    action_text: "Tindakan: apa yang akan dilakukan untuk menutup celah ini?",
    action_owner: "Penanggung jawab tindakan",
    action_due: "Tenggat (YYYY-MM-DD)",
    not_a_date: "Masukkan tanggal dengan format YYYY-MM-DD, mis. 2027-03-31.",
    scale_low: "rendah",
    scale_high: "tinggi",
    stale_changed: "Butir ini berubah sejak dijawab:",
    stale_earlier: "Jawaban sebelumnya (tetap dipakai jika Anda memilihnya lagi):",
    part_question: "pertanyaannya",
    part_type: "jenisnya",
    part_options: "pilihannya",
    part_severity: "tingkat keparahannya",
    references: "Rujukan",
    cases: "Kasus",
    no_translation: "tidak memiliki teks dalam bahasa ini; ditampilkan dalam bahasa Inggris",
    options: "Pilihan",
    options_any: "Pilihan (boleh lebih dari satu)",
    applies_when: "Berlaku jika",
    cond_is: "bernilai",
    cond_one_of: "bernilai salah satu dari",
    cond_not_in: "sudah dijawab dan bukan",
    cond_includes: "mencakup",
    cond_and: "dan",
    cond_or: "atau",
    cond_not: "bukan",
    severity: "Tingkat keparahan",
    overdue: "lewat tenggat",
    no_signoff: "Belum disahkan.",
    rating_low: "Rendah",
    rating_medium: "Sedang",
    rating_high: "Tinggi",
    rating_critical: "Kritis",
    severity_low: "rendah",
    severity_medium: "sedang",
    severity_high: "tinggi",
    severity_critical: "kritis",
};

pub(crate) fn messages(lang: Lang) -> &'static Messages {
    match lang {
        Lang::En => &EN,
        Lang::Id => &ID,
    }
}

impl Messages {
    pub(crate) fn rating(&self, rating: Rating) -> &'static str {
        match rating {
            Rating::Low => self.rating_low,
            Rating::Medium => self.rating_medium,
            Rating::High => self.rating_high,
            Rating::Critical => self.rating_critical,
        }
    }

    pub(crate) fn severity(&self, severity: Severity) -> &'static str {
        match severity {
            Severity::Low => self.severity_low,
            Severity::Medium => self.severity_medium,
            Severity::High => self.severity_high,
            Severity::Critical => self.severity_critical,
        }
    }

    /// Label of a yes-no value or an escape value.
    pub(crate) fn value_label(&self, value: &str) -> Option<&'static str> {
        match value {
            "yes" => Some(self.yes),
            "partial" => Some(self.partial),
            "no" => Some(self.no),
            "unknown" => Some(self.unknown),
            "n/a" => Some(self.not_applicable),
            _ => None,
        }
    }
}
