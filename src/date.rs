//! Calendar dates (`YYYY-MM-DD`) without a time zone: due dates, answer dates,
//! and "today".

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Date {
    year: i32,
    month: u8,
    day: u8,
}

impl Date {
    /// Parses an ISO 8601 calendar date, `YYYY-MM-DD`.
    pub(crate) fn parse(text: &str) -> Option<Date> {
        let text = text.trim();
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let number = |range: std::ops::Range<usize>| -> Option<u32> {
            let part = &text[range];
            part.bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| part.parse().ok())?
        };
        let year = i32::try_from(number(0..4)?).ok()?;
        let month = u8::try_from(number(5..7)?).ok()?;
        let day = u8::try_from(number(8..10)?).ok()?;
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Today in UTC.
    pub(crate) fn today() -> Date {
        let seconds = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Date::from_days(i64::try_from(seconds / 86_400).unwrap_or(0))
    }

    /// Days since 1970-01-01 (Howard Hinnant's civil-from-days).
    // The algorithm keeps day in 1..=31, month in 1..=12 and, for any date a
    // clock gives, the year far inside i32.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }
}

/// A span of calendar time: `12 months`, `1 year`, `90 days`, `2 weeks`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Period {
    months: u32,
    days: u32,
}

impl Period {
    pub(crate) fn parse(text: &str) -> Option<Period> {
        let (number, unit) = text.trim().split_once(' ')?;
        let n: u32 = number.parse().ok().filter(|n| *n > 0 && *n <= 1200)?;
        match unit.trim() {
            "day" | "days" => Some(Period { months: 0, days: n }),
            "week" | "weeks" => Some(Period {
                months: 0,
                days: n * 7,
            }),
            "month" | "months" => Some(Period { months: n, days: 0 }),
            "year" | "years" => Some(Period {
                months: n * 12,
                days: 0,
            }),
            _ => None,
        }
    }
}

/// The unit a period is said in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PeriodUnit {
    Years,
    Months,
    Days,
}

impl Period {
    /// The period in its largest whole unit, as messages say it.
    pub(crate) fn amount(self) -> (u32, PeriodUnit) {
        match (self.months, self.days) {
            (m, 0) if m % 12 == 0 => (m / 12, PeriodUnit::Years),
            (m, 0) => (m, PeriodUnit::Months),
            (_, d) => (d, PeriodUnit::Days),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (n, unit) = self.amount();
        let unit = match unit {
            PeriodUnit::Years => "year",
            PeriodUnit::Months => "month",
            PeriodUnit::Days => "day",
        };
        write!(f, "{n} {unit}{}", if n == 1 { "" } else { "s" })
    }
}

impl Date {
    /// The date `period` after this one; a day past the end of a month is its last day.
    pub(crate) fn after(self, period: Period) -> Date {
        let months = i64::from(self.month) - 1 + i64::from(period.months);
        let year = i64::from(self.year) + months.div_euclid(12);
        let year = i32::try_from(year).unwrap_or(i32::MAX);
        let month = u8::try_from(months.rem_euclid(12) + 1).unwrap_or(12);
        let mut date = Date {
            year,
            month,
            day: self.day.min(days_in_month(year, month)),
        };
        for _ in 0..period.days {
            date = date.next_day();
        }
        date
    }

    fn next_day(self) -> Date {
        if self.day < days_in_month(self.year, self.month) {
            Date {
                day: self.day + 1,
                ..self
            }
        } else if self.month < 12 {
            Date {
                month: self.month + 1,
                day: 1,
                ..self
            }
        } else {
            Date {
                year: self.year.saturating_add(1),
                month: 1,
                day: 1,
            }
        }
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects() {
        assert_eq!(Date::parse("2024-02-29").unwrap().to_string(), "2024-02-29");
        assert!(Date::parse("2023-02-29").is_none());
        assert!(Date::parse("2026-13-01").is_none());
        assert!(Date::parse("2026-1-01").is_none());
        assert!(Date::parse("tomorrow").is_none());
        assert!(Date::parse("2026-11-29").unwrap() < Date::parse("2027-01-01").unwrap());
    }

    #[test]
    fn periods() {
        let date = |t: &str| Date::parse(t).unwrap();
        let after = |t: &str, p: &str| date(t).after(Period::parse(p).unwrap()).to_string();
        assert_eq!(after("2026-01-31", "1 month"), "2026-02-28");
        assert_eq!(after("2026-11-30", "12 months"), "2027-11-30");
        assert_eq!(after("2024-02-29", "1 year"), "2025-02-28");
        assert_eq!(after("2026-12-25", "2 weeks"), "2027-01-08");
        assert_eq!(after("2026-11-29", "90 days"), "2027-02-27");
        for bad in ["12", "twelve months", "0 days", "3 fortnights", "-1 days"] {
            assert!(Period::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn civil_from_days() {
        assert_eq!(Date::from_days(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_days(20_786).to_string(), "2026-11-29");
        assert_eq!(Date::from_days(11_016).to_string(), "2000-02-29");
    }
}
