//! Calendar dates (日期) as typed for the pledge, normalised to ISO `YYYY-MM-DD`.

use super::credit_code::to_halfwidth;

/// Why a date was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// Nothing was typed.
    #[error("请填写日期")]
    Empty,
    /// Not recognisable as year, month and day.
    #[error("日期应写成 YYYY-MM-DD，如 2023-05-20")]
    Format,
    /// Well-formed but no such day (e.g. 2023-02-29).
    #[error("日期 {year} 年 {month} 月 {day} 日不存在")]
    NoSuchDay {
        /// Year as typed.
        year: u32,
        /// Month as typed.
        month: u32,
        /// Day as typed.
        day: u32,
    },
}

/// Parses `2023-05-20`, `2023/5/20`, `2023.5.20` or `2023年5月20日` into `2023-05-20`;
/// full-width digits and separators (`２０２３－５－２０`, as Chinese IMEs type them) too.
pub fn validate_date(raw: &str) -> Result<String, DateError> {
    let s: String = raw.trim().chars().map(to_halfwidth).collect();
    if s.is_empty() {
        return Err(DateError::Empty);
    }
    let parts: Vec<&str> = s
        .trim_end_matches('日')
        .split(['-', '/', '.', '年', '月'])
        .map(str::trim)
        .collect();
    let [y, m, d] = parts.as_slice() else {
        return Err(DateError::Format);
    };
    let digits = |p: &str, max_len: usize| {
        if p.is_empty() || p.len() > max_len || !p.bytes().all(|b| b.is_ascii_digit()) {
            None
        } else {
            p.parse::<u32>().ok()
        }
    };
    let (Some(year), Some(month), Some(day)) = (digits(y, 4), digits(m, 2), digits(d, 2)) else {
        return Err(DateError::Format);
    };
    if y.len() != 4 {
        return Err(DateError::Format);
    }
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return Err(DateError::NoSuchDay { year, month, day });
    }
    Ok(format!("{year:04}-{month:02}-{day:02}"))
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_and_leap_years() {
        assert_eq!(validate_date("2023年5月2日").unwrap(), "2023-05-02");
        assert_eq!(validate_date("2024/2/29").unwrap(), "2024-02-29");
        assert!(matches!(
            validate_date("2023-02-29"),
            Err(DateError::NoSuchDay { .. })
        ));
        assert!(matches!(
            validate_date("1900-02-29"),
            Err(DateError::NoSuchDay { .. })
        ));
        assert_eq!(validate_date("20230520"), Err(DateError::Format));
        assert_eq!(validate_date(" "), Err(DateError::Empty));
    }
}
