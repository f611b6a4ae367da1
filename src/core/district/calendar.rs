//! Calendar days (日期) as the contest means them: dates in Beijing time (UTC+8, no daylight
//! saving), counted as day numbers so deadlines are plain subtraction.

use crate::core::package::zip_write::{civil_from_days, DOS_TIME_OFFSET_MS};
use crate::core::submission::validate_date;

/// Milliseconds Beijing is ahead of UTC (the ZIP writer reads its DOS times the same way).
const BEIJING_OFFSET_MS: i64 = DOS_TIME_OFFSET_MS;
/// Milliseconds in a day.
const DAY_MS: i64 = 86_400_000;

/// Days since 1970-01-01 of a date as people type it (`2023-05-31`, `2023年5月31日` …, see
/// `validate_date`); `None` when it is not a date.
pub fn day_number(date: &str) -> Option<i64> {
    let iso = validate_date(date).ok()?;
    let mut parts = iso.split('-').map(|p| p.parse::<i64>().ok());
    let (Some(Some(y)), Some(Some(m)), Some(Some(d))) = (parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    Some(days_from_civil(y, m, d))
}

/// The ISO date (`YYYY-MM-DD`) in Beijing at a Unix time in ms (the browser's `Date.now()`).
pub fn beijing_date(unix_ms: u64) -> String {
    let (y, m, d) = civil_from_days(beijing_ms(unix_ms).div_euclid(DAY_MS));
    format!("{y:04}-{m:02}-{d:02}")
}

/// `2023-05-20 14:03` in Beijing at a Unix time in ms: when a package was saved.
pub fn beijing_minute(unix_ms: u64) -> String {
    let minute = beijing_ms(unix_ms).rem_euclid(DAY_MS) / 60_000;
    format!(
        "{} {:02}:{:02}",
        beijing_date(unix_ms),
        minute / 60,
        minute % 60
    )
}

/// Milliseconds since 1970-01-01 00:00 on a Beijing wall clock.
fn beijing_ms(unix_ms: u64) -> i64 {
    i64::try_from(unix_ms)
        .unwrap_or(i64::MAX)
        .saturating_add(BEIJING_OFFSET_MS)
}

/// Unix ms of 00:00 in Beijing on `date`: the time stamped on what the office sends, taken
/// from the date it chose rather than the clock, so the same choices give the same bytes.
pub fn beijing_midnight_ms(date: &str) -> Option<u64> {
    let ms = day_number(date)?.checked_mul(DAY_MS)? - BEIJING_OFFSET_MS;
    u64::try_from(ms).ok()
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`, the
/// inverse of the ZIP writer's `civil_from_days`).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip_through_the_zip_writers_calendar() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2023年5月31日"), Some(19_508));
        for days in [-800_000, -1, 0, 59, 60, 19_508, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, i64::from(m), i64::from(d)), days);
        }
        assert_eq!(day_number("2023-02-29"), None);
    }

    #[test]
    fn beijing_is_eight_hours_ahead() {
        // 2023-05-31T16:00:00Z is midnight of 1 June in Beijing.
        assert_eq!(beijing_date(1_685_548_800_000), "2023-06-01");
        assert_eq!(beijing_date(1_685_548_799_999), "2023-05-31");
        assert_eq!(
            beijing_minute(1_685_548_800_000 + 14 * 3_600_000 + 180_000),
            "2023-06-01 14:03"
        );
        assert_eq!(beijing_midnight_ms("2023-06-01"), Some(1_685_548_800_000));
        assert_eq!(beijing_midnight_ms("1970-01-01"), None);
    }
}
