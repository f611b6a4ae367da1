//! The 推荐表's rows as CSV (RFC 4180): UTF-8 with a byte order mark, so Excel shows the
//! Chinese text instead of guessing a legacy code page; CRLF line ends; fields quoted when
//! they hold a comma, a quote or a line break, quotes doubled.
//!
//! A cell a spreadsheet would take as a formula (starting with `=`, `+`, `-`, `@`, or a tab
//! or carriage return that some importers strip first) gets a leading `'`, the OWASP
//! defence against CSV injection: the text stays visible as typed, and is never run.

use super::recommendation_form::RecommendationForm;

/// The UTF-8 byte order mark.
const BOM: &str = "\u{FEFF}";

/// The headings and one line per recommended work.
pub fn recommendation_csv(form: &RecommendationForm) -> Vec<u8> {
    let mut out = String::from(BOM);
    let mut line = |cells: &[String]| {
        let fields: Vec<String> = cells.iter().map(|c| field(c)).collect();
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    };
    line(&form.headings);
    for row in &form.rows {
        line(row);
    }
    out.into_bytes()
}

/// One field: neutralised against formulas, then quoted if it needs to be.
pub fn field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if value.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn quoting_and_formula_neutralising() {
        assert_eq!(field("重庆某某公司"), "重庆某某公司");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("他说\"好\""), "\"他说\"\"好\"\"\"");
        assert_eq!(field("张三\n023-63891234"), "\"张三\n023-63891234\"");
        assert_eq!(field("=1+1"), "'=1+1");
        assert_eq!(field("-2"), "'-2");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(field("+86 138"), "'+86 138");
        assert_eq!(
            field("=HYPERLINK(\"x\",\"y\")"),
            "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\""
        );
        assert_eq!(field("1=1"), "1=1");
    }
}
