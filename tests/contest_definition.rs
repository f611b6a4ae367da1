//! The built-in 2023 Chongqing definition against the notice, and precise errors for bad ones.

use baosong::core::contest::{
    builtin, load_definition, DefinitionError, DistrictKind, FieldRole, Severity,
};

/// The twelve units that may recommend 3–5 works (notice 五（二）).
const BIG_QUOTA: [&str; 12] = [
    "渝中区",
    "大渡口区",
    "江北区",
    "沙坪坝区",
    "九龙坡区",
    "南岸区",
    "北碚区",
    "渝北区",
    "巴南区",
    "两江新区",
    "西部科学城重庆高新区",
    "万盛经开区",
];

#[test]
fn districts_and_quotas_match_the_notice() {
    let c = builtin();
    assert_eq!(c.districts.len(), 41);
    let big: Vec<_> = c
        .districts
        .iter()
        .filter(|d| (d.quota_min, d.quota_max) == (3, 5))
        .collect();
    let small: Vec<_> = c
        .districts
        .iter()
        .filter(|d| (d.quota_min, d.quota_max) == (1, 2))
        .collect();
    assert_eq!(big.len(), 12);
    assert_eq!(small.len(), 29);
    for name in BIG_QUOTA {
        assert!(
            big.iter().any(|d| d.name == name),
            "{name} should have quota 3–5"
        );
    }
    let count = |k| c.districts.iter().filter(|d| d.kind == k).count();
    assert_eq!(count(DistrictKind::District), 26);
    assert_eq!(count(DistrictKind::County), 8);
    assert_eq!(count(DistrictKind::AutonomousCounty), 4);
    assert_eq!(count(DistrictKind::Zone), 3);
    assert_eq!(c.district("忠县").map(|d| d.quota_max), Some(2));
    assert!(c.district("成都市").is_none());
}

#[test]
fn rubric_totals_100_with_the_notice_points() {
    let c = builtin();
    assert_eq!(c.rubric_total(), 100);
    let points: Vec<u32> = c.rubric.iter().map(|r| r.points).collect();
    assert_eq!(points, [30, 30, 15, 10, 5, 5, 5]);
    let by = |cat: &str| {
        c.rubric
            .iter()
            .filter(|r| r.category == cat)
            .map(|r| r.points)
            .sum::<u32>()
    };
    assert_eq!(
        (by("题材内容"), by("技术性"), by("创意性"), by("艺术性")),
        (60, 30, 5, 5)
    );
    let shares: Vec<_> = c.awards.iter().filter_map(|a| a.percent).collect();
    assert_eq!(shares, [10, 15, 25]);
}

#[test]
fn video_rules_are_the_notice_limits() {
    let v = builtin().video;
    assert_eq!(v.container.allowed, ["mp4"]);
    assert_eq!(
        (v.duration.min_seconds, v.duration.max_seconds),
        (180.0, 240.0)
    );
    let sizes: Vec<_> = v
        .resolution
        .allowed
        .iter()
        .map(|s| (s.width, s.height))
        .collect();
    assert_eq!(sizes, [(1920, 1080), (1280, 720)]);
    assert_eq!((v.aspect.width, v.aspect.height), (16, 9));
    // 作品要求（四）：“声音与画面同步”: a file without sound cannot meet it, so it fails.
    assert_eq!(v.audio.severity, Severity::Fail);
    assert!(
        v.audio.basis.contains("声音与画面同步"),
        "{}",
        v.audio.basis
    );
    assert_eq!(v.duration.severity, Severity::Fail);
}

#[test]
fn quality_hints_are_data_citing_the_notice() {
    let q = builtin()
        .video
        .quality
        .expect("cq-2023 sets least quality values");
    assert_eq!(q.severity, Severity::Warn);
    assert_eq!(q.min_bitrate_kbps, Some(1000));
    assert_eq!(q.min_frame_rate, Some(24.0));
    assert_eq!(q.min_sample_rate_hz, Some(32000));
    assert!(q.basis.contains("图像清晰") && q.basis.contains("声音与画面同步"));

    // Another contest may leave them out …
    let mut v = builtin_json();
    v["video"].as_object_mut().unwrap().remove("quality");
    assert!(load_definition(&v.to_string())
        .unwrap()
        .video
        .quality
        .is_none());
    // … but not set a least value of nothing, nor an unknown one.
    let mut v = builtin_json();
    v["video"]["quality"]["min_frame_rate"] = 0.into();
    let err = load_definition(&v.to_string()).unwrap_err();
    assert!(matches!(err, DefinitionError::Invalid { ref path, .. } if path == "video.quality"));
    let mut v = builtin_json();
    v["video"]["quality"]["min_fps"] = 24.into();
    assert!(load_definition(&v.to_string()).is_err());
}

#[test]
fn form_pledge_timeline_and_people() {
    let c = builtin();
    let labels: Vec<_> = c.form.fields.iter().map(|f| f.label.as_str()).collect();
    for l in [
        "创作单位",
        "作品名称",
        "联系地址",
        "联系人姓名",
        "电子邮箱",
        "联系电话",
        "内容简介及主要创新点",
    ] {
        assert!(labels.contains(&l), "missing field {l}");
    }
    let kinds: Vec<_> = c.unit_kinds.iter().map(|k| k.label.as_str()).collect();
    assert_eq!(kinds, ["在渝企业", "本科院校", "科研院所"]);
    let rules: Vec<_> = c.eligibility.iter().map(|e| e.rule.as_str()).collect();
    assert_eq!(rules, ["R-ELIG-2", "R-ELIG-3", "R-ELIG-4", "R-ELIG-5"]);
    let selfc: Vec<_> = c.self_checks.iter().map(|e| e.rule.as_str()).collect();
    assert_eq!(selfc, ["R-VID-6", "R-VID-7", "R-VID-8"]);
    // The notice's pledge sentence, verbatim once the blanks are filled.
    let text = c.pledge_text("重庆某某科技有限公司", "91500000MA5U000000");
    assert_eq!(
        text,
        "我单位重庆某某科技有限公司（统一社会信用代码为91500000MA5U000000）郑重承诺：对所提交的短视频作品拥有自主知识产权，同意以创作单位的名义参加本次活动，如在评选期间出现任何纠纷，将由本单位承担后果，并自愿接受相关失信惩戒。"
    );
    assert!(
        c.pledge_text("", "").contains("＿＿"),
        "blanks stay visible"
    );
    // Hostile text is inserted literally: a placeholder inside the name is not substituted.
    let hostile = c.pledge_text("{credit_code}<b>", "X");
    assert!(
        hostile.starts_with("我单位{credit_code}<b>（统一社会信用代码为X）"),
        "{hostile}"
    );
    assert_eq!(c.pledge.signature_label, "法定代表人（签字）");
    assert_eq!(c.unit_deadline(), Some("2023-05-31"));
    assert_eq!(
        c.recommendation.columns,
        ["序号", "作品名称", "创作单位", "联系地址", "联系方式"]
    );
}

fn builtin_json() -> serde_json::Value {
    serde_json::from_str(include_str!("../contests/cq-2023.json")).unwrap()
}

#[test]
fn syntax_errors_name_line_and_column() {
    let err = load_definition("{\n  \"id\": \"x\",\n  oops\n}").unwrap_err();
    match err {
        DefinitionError::Syntax { line, column, .. } => assert_eq!((line, column), (3, 3)),
        other => panic!("expected syntax error, got {other:?}"),
    }
    assert!(load_definition("")
        .unwrap_err()
        .to_string()
        .contains("第 1 行"));
}

#[test]
fn unknown_and_missing_fields_are_named() {
    let mut v = builtin_json();
    v["video"]["duration"]["max_secs"] = 240.into();
    let msg = load_definition(&v.to_string()).unwrap_err().to_string();
    assert!(msg.contains("max_secs"), "{msg}");

    let mut v = builtin_json();
    v.as_object_mut().unwrap().remove("districts");
    let msg = load_definition(&v.to_string()).unwrap_err().to_string();
    assert!(msg.contains("districts"), "{msg}");
}

#[test]
fn inconsistent_values_give_a_path() {
    let mut v = builtin_json();
    v["districts"][3]["quota_min"] = 6.into();
    assert_eq!(
        load_definition(&v.to_string()).unwrap_err(),
        DefinitionError::Invalid {
            path: "districts[3]".into(),
            message: "渝中区 的推荐名额 6–5 不合理".into()
        }
    );

    let mut v = builtin_json();
    v["video"]["duration"]["min_seconds"] = 300.into();
    let err = load_definition(&v.to_string()).unwrap_err();
    assert!(matches!(err, DefinitionError::Invalid { ref path, .. } if path == "video.duration"));

    let mut v = builtin_json();
    v["pledge"]["text"] = "我单位郑重承诺".into();
    let msg = load_definition(&v.to_string()).unwrap_err().to_string();
    assert!(msg.contains("{unit_name}"), "{msg}");

    let mut v = builtin_json();
    v["timeline"][0]["until"] = "5月31日".into();
    let msg = load_definition(&v.to_string()).unwrap_err().to_string();
    assert!(msg.contains("YYYY-MM-DD"), "{msg}");

    let mut v = builtin_json();
    v["districts"][1]["name"] = "万州区".into();
    let msg = load_definition(&v.to_string()).unwrap_err().to_string();
    assert!(msg.contains("万州区 重复"), "{msg}");
}

#[test]
fn another_contest_is_just_another_definition() {
    // A contest with categories (e.g. the national high-tech-zone contest) loads as data.
    let mut v = builtin_json();
    v["id"] = "gxq-2020".into();
    v["categories"] = serde_json::json!(["展示", "专题", "剧情", "动漫", "公益", "纪实"]);
    v["video"]["duration"]["max_seconds"] = 300.into();
    let c = load_definition(&v.to_string()).unwrap();
    assert_eq!(c.categories.len(), 6);
    assert_eq!(c.video.duration.max_seconds, 300.0);
}

#[test]
fn every_role_is_set_once_in_the_builtin_definition() {
    let c = builtin();
    for role in FieldRole::ALL {
        let f = c.field_by_role(role).unwrap_or_else(|| panic!("{role:?}"));
        // In the shipped definition each role's field has the role's own id.
        assert_eq!(f.id, role.key());
        let as_json = serde_json::to_value(role).unwrap();
        assert_eq!(as_json, role.key());
    }
    assert_eq!(c.field_by_role(FieldRole::Phone).unwrap().label, "联系电话");
}

#[test]
fn a_role_given_twice_is_rejected_with_its_path() {
    let mut v = builtin_json();
    v["form"]["fields"][3]["role"] = "work_title".into();
    assert_eq!(
        load_definition(&v.to_string()).unwrap_err(),
        DefinitionError::Invalid {
            path: "form.fields[3].role".into(),
            message: "用途 work_title 已由字段 work_title（form.fields[2]）使用，每种用途只能指定给一个字段"
                .into()
        }
    );
}

#[test]
fn every_missing_role_is_rejected_by_name() {
    for role in FieldRole::ALL {
        let mut v = builtin_json();
        let fields = v["form"]["fields"].as_array_mut().unwrap();
        let f = fields.iter_mut().find(|f| f["role"] == role.key()).unwrap();
        f.as_object_mut().unwrap().remove("role");
        let err = load_definition(&v.to_string()).unwrap_err();
        assert_eq!(
            err,
            DefinitionError::Invalid {
                path: "form.fields".into(),
                message: format!(
                    "缺少用途（role）为 {} 的字段：打印附件3 和诚信承诺都要用到它",
                    role.key()
                )
            }
        );
        assert!(err.to_string().starts_with("大赛定义中 form.fields 不合理"));
    }
}

#[test]
fn unknown_roles_are_syntax_errors_and_ids_are_free() {
    let mut v = builtin_json();
    v["form"]["fields"][0]["role"] = "unit".into();
    let msg = load_definition(&v.to_string()).unwrap_err().to_string();
    assert!(msg.contains("unknown variant `unit`"), "{msg}");
    // Ids are not what the app relies on: renaming every one still loads.
    let mut v = builtin_json();
    for f in v["form"]["fields"].as_array_mut().unwrap() {
        f["id"] = format!("f_{}", f["id"].as_str().unwrap()).into();
    }
    // The English is keyed by field id, so it follows the rename (a stale key is an error).
    let stale = load_definition(&v.to_string()).unwrap_err().to_string();
    assert!(stale.contains("en.fields."), "{stale}");
    let english = std::mem::take(v["en"]["fields"].as_object_mut().unwrap());
    for (id, text) in english {
        v["en"]["fields"][format!("f_{id}")] = text;
    }
    let c = load_definition(&v.to_string()).unwrap();
    assert_eq!(
        c.field_by_role(FieldRole::UnitName).unwrap().id,
        "f_unit_name"
    );
    assert_eq!(c.field_en("f_unit_name").unwrap().label, "Creating unit");
}

#[test]
fn the_pledge_roles_must_be_entered_per_unit() {
    let mut v = builtin_json();
    v["form"]["fields"][1]["scope"] = "work".into();
    assert_eq!(
        load_definition(&v.to_string()).unwrap_err(),
        DefinitionError::Invalid {
            path: "form.fields[1].scope".into(),
            message: "用途为 credit_code 的字段必须按单位填写（unit）：诚信承诺以单位名义作出"
                .into()
        }
    );
}

#[test]
fn timeline_dates_need_plain_digits() {
    let mut v = builtin_json();
    v["timeline"][0]["until"] = "2023-+5-31".into();
    let msg = load_definition(&v.to_string()).unwrap_err().to_string();
    assert!(msg.contains("YYYY-MM-DD"), "{msg}");
}

// English beside the official texts (`en`): optional, checked, never in place of the Chinese.

#[test]
fn the_builtin_definition_has_english_for_every_official_label() {
    let c = builtin();
    assert!(!c.en.title.is_empty() && !c.en.theme.is_empty());
    assert_eq!(c.en.hosts.len(), c.organisers.hosts.len());
    assert_eq!(c.en.form_attachment, "Attachment 3");
    for f in &c.form.fields {
        let en = c
            .field_en(&f.id)
            .unwrap_or_else(|| panic!("no English for {}", f.id));
        assert!(en.label.is_ascii(), "{}: {}", f.id, en.label);
        // A hint in Chinese has its English, and the English adds none of its own.
        assert_eq!(f.hint.is_empty(), en.hint.is_empty(), "hint of {}", f.id);
    }
    assert_eq!(c.field_en("unit_name").unwrap().label, "Creating unit");
    for k in &c.unit_kinds {
        assert!(!c.unit_kind_en(&k.id).is_empty(), "unit kind {}", k.id);
    }
    for conf in c
        .eligibility
        .iter()
        .chain(&c.self_checks)
        .chain(&c.pledge.promises)
    {
        let en = c
            .confirmation_en(&conf.rule)
            .unwrap_or_else(|| panic!("no English for {}", conf.rule));
        assert_eq!(
            conf.detail.is_empty(),
            en.detail.is_empty(),
            "{}",
            conf.rule
        );
    }
    assert_eq!(c.en.pledge.title, "Integrity pledge of the creating unit");
    // The official Chinese is untouched by the English beside it.
    assert_eq!(c.field("unit_name").unwrap().label, "创作单位");
    assert!(c.pledge.text.starts_with("我单位{unit_name}"));
}

#[test]
fn a_definition_without_english_still_loads() {
    let mut v = builtin_json();
    v.as_object_mut().unwrap().remove("en");
    let c = load_definition(&v.to_string()).unwrap();
    assert!(c.en.is_empty());
    assert!(c.field_en("unit_name").is_none());
    assert!(c.confirmation_en("R-ELIG-2").is_none());
    assert_eq!(c.unit_kind_en("enterprise"), "");
    assert_eq!(c.pledge_text_en("甲公司", "915000002028033848"), None);
    // Nor does it write an `en` it never had (the definition travels to the workers as JSON).
    let out = serde_json::to_value(&c).unwrap();
    assert!(out.get("en").is_none());
    assert_eq!(load_definition(&out.to_string()).unwrap(), c);

    // Partial English is fine: what is missing shows in Chinese only.
    let mut v = builtin_json();
    v["en"] = serde_json::json!({ "fields": { "work_title": { "label": "Title" } } });
    let c = load_definition(&v.to_string()).unwrap();
    assert_eq!(c.field_en("work_title").unwrap().label, "Title");
    assert!(c.field_en("unit_name").is_none());
    assert!(c.en.pledge.is_empty());
}

#[test]
fn the_builtin_english_survives_the_trip_to_the_workers() {
    let c = builtin();
    let json = serde_json::to_string(&c).unwrap();
    assert_eq!(load_definition(&json).unwrap(), c);
}

#[test]
fn the_english_pledge_is_filled_like_the_chinese() {
    let c = builtin();
    let en = c.pledge_text_en(" 甲公司 ", "915000002028033848").unwrap();
    assert!(
        en.starts_with("Our unit, 甲公司 (unified social credit code 915000002028033848)"),
        "{en}"
    );
    let blank = c.pledge_text_en("", "").unwrap();
    assert_eq!(
        blank.matches(baosong::core::contest::PLEDGE_BLANK).count(),
        2,
        "{blank}"
    );
}

#[test]
fn english_for_something_that_does_not_exist_is_rejected() {
    let cases: [(&str, serde_json::Value, &str); 7] = [
        (
            "en.fields.nope",
            serde_json::json!({ "fields": { "nope": { "label": "Nope" } } }),
            "nope",
        ),
        (
            "en.fields.unit_name.label",
            serde_json::json!({ "fields": { "unit_name": { "label": " " } } }),
            "英文不能为空",
        ),
        (
            "en.confirmations.R-ELIG-9",
            serde_json::json!({ "confirmations": { "R-ELIG-9": { "statement": "x" } } }),
            "R-ELIG-9",
        ),
        (
            "en.confirmations.R-VID-6.statement",
            serde_json::json!({ "confirmations": { "R-VID-6": { "statement": "" } } }),
            "英文不能为空",
        ),
        (
            "en.unit_kinds.school",
            serde_json::json!({ "unit_kinds": { "school": "School" } }),
            "school",
        ),
        (
            "en.hosts",
            serde_json::json!({ "hosts": ["Only one"] }),
            "一一对应",
        ),
        (
            "en.pledge.text",
            serde_json::json!({ "pledge": { "text": "We, {unit_name}, pledge." } }),
            "{credit_code}",
        ),
    ];
    for (path, en, words) in cases {
        let mut v = builtin_json();
        v["en"] = en;
        match load_definition(&v.to_string()).unwrap_err() {
            DefinitionError::Invalid { path: p, message } => {
                assert_eq!(p, path);
                assert!(message.contains(words), "{path}: {message}");
            }
            other => panic!("{path}: expected Invalid, got {other:?}"),
        }
    }
    // A misspelt key is a syntax error naming it, as everywhere in a definition.
    let mut v = builtin_json();
    v["en"]["titel"] = "x".into();
    let msg = load_definition(&v.to_string()).unwrap_err().to_string();
    assert!(msg.contains("titel"), "{msg}");
    let mut v = builtin_json();
    v["en"]["fields"]["unit_name"]["lable"] = "x".into();
    let msg = load_definition(&v.to_string()).unwrap_err().to_string();
    assert!(msg.contains("lable"), "{msg}");
}
