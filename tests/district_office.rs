//! The district office's settings (validated with the unit form's own validators) and the
//! deadline with its days left (R-TIME-1).

mod district_support;

use baosong::core::contest::builtin;
use baosong::core::district::deadline::{collection_deadline, phase_deadline, SCREENING_PHASE};
use baosong::core::district::office::{Office, OfficeField};
use district_support::office;

#[test]
fn a_filled_office_has_no_problem_and_prints_normalised() {
    let def = builtin();
    let o = office("渝中区");
    assert_eq!(o.problems(&def), Vec::new());
    assert_eq!(o.phone_display(), "023-63880000");
    assert_eq!(o.date_iso().as_deref(), Some("2023-06-20"));
}

#[test]
fn each_setting_is_checked() {
    let def = builtin();
    let o = Office {
        district: "不存在区".into(),
        name: "局".into(),
        contact: "王5".into(),
        phone: "63880000".into(),
        opinion: String::new(),
        date: "2023-02-30".into(),
    };
    let problems: Vec<(OfficeField, String)> = o
        .problems(&def)
        .into_iter()
        .map(|p| (p.field, p.message))
        .collect();
    assert_eq!(
        problems,
        vec![
            (
                OfficeField::District,
                "“不存在区”不在本大赛的区县名单中".to_string()
            ),
            (OfficeField::Name, "还需填写 1 字".to_string()),
            (OfficeField::Contact, "姓名中不应含有数字".to_string()),
            (
                OfficeField::Phone,
                "固定电话请带区号，如 023-63891234".to_string()
            ),
            (OfficeField::Opinion, "此项必填".to_string()),
            (
                OfficeField::Date,
                "日期 2023 年 2 月 30 日不存在".to_string()
            ),
        ]
    );
    assert_eq!(Office::new("").problems(&def)[0].message, "请选择所在区县");
}

#[test]
fn days_left_until_the_collection_deadline() {
    let def = builtin();
    let before = collection_deadline(&def, "2023-05-20").unwrap();
    assert_eq!(before.date, "2023-05-31");
    assert_eq!(before.days_left, 11);
    assert_eq!(before.label(), "距报送截止还有 11 天");
    assert_eq!(before.date_line(), "线上征集截止：2023年5月31日");
    assert!(!before.is_past());
    assert_eq!(
        collection_deadline(&def, "2023年5月31日").unwrap().label(),
        "今天是报送截止日"
    );
    let after = collection_deadline(&def, "2023-06-02").unwrap();
    assert_eq!(after.label(), "已过截止日期 2 天");
    assert!(after.is_past());
    assert_eq!(collection_deadline(&def, "not a date"), None);
    // The district's own deadline: bundles to the organisers by 31 July.
    let screening = phase_deadline(&def, SCREENING_PHASE, "2023-07-01").unwrap();
    assert_eq!(
        (screening.date.as_str(), screening.days_left),
        ("2023-07-31", 30)
    );
    assert_eq!(phase_deadline(&def, "judging", "2023-07-01"), None);
}

#[test]
fn each_setting_is_set_and_read_through_the_office() {
    let fields = [
        OfficeField::District,
        OfficeField::Name,
        OfficeField::Contact,
        OfficeField::Phone,
        OfficeField::Opinion,
        OfficeField::Date,
    ];
    let mut o = Office::new("");
    for (i, f) in fields.iter().enumerate() {
        o.set(*f, format!("<b>值{i}</b> "));
    }
    for (i, f) in fields.iter().enumerate() {
        // Stored exactly as typed, each in its own slot.
        assert_eq!(o.get(*f), format!("<b>值{i}</b> "));
    }
    assert_eq!(o.district, "<b>值0</b> ");
    assert_eq!(o.date, "<b>值5</b> ");
}
