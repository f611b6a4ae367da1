//! Writes sample filled 附件3 forms (.docx and .html) for looking at the layout, e.g. through
//! `scripts/docx-to-png.sh`.
//!
//! `cargo run --example form_sample -- OUT_DIR`
//!
//! Writes `form-sample.{docx,html}` (realistic values, a 300-character summary, a 核验码 and
//! QR), `form-blank.{docx,html}` (nothing filled in, as a unit prints it to fill by hand) and
//! `form-long.{docx,html}` (long real-world values and a 300-character summary in four
//! paragraphs), with `FORM_SAMPLE_MAX=1` `form-max.{docx,html}` (every field at the
//! definition's maximum length, not yet one page) and
//! `form-hostile.{docx,html}` (markup and an RTL override in every field,
//! which must print literally): all must stay on one page.

use baosong::core::contest::builtin;
use baosong::core::package::code::verification;
use baosong::core::package::form::{filled_form, FilledForm};
use baosong::core::package::form_docx::form_docx_members;
use baosong::core::package::form_html::form_html;
use baosong::core::submission::{validate_field, Workspace};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// About 300 characters (the definition's maximum), in four paragraphs, as a unit writes it.
const SUMMARY: &str = "作品以重庆大学材料科学与工程学院张明远教授团队十年攻关高性能镁合金的真实经历为主线，\
记录了团队从实验室小试到生产线中试的关键时刻。\n\
片中通过清晨六点的实验室、深夜的熔炼车间和一次次失败后的复盘会，展现科研人员求实、奉献、协同的精神；\
老教授手把手带学生调试设备的细节，体现了育人传承。\n\
主要创新点：一是采用第一人称口述与现场跟拍相结合，真实自然，无摆拍；二是用显微镜下的晶粒变化作为转场，\
把抽象的材料科学变得直观可感；三是全片同期声与原创配乐平衡，字幕简洁清晰。\n\
作品时长三分四十秒，画面为1920×1080，适合在主流媒体和学习平台传播。\
全片无水印、无片头片尾，声音与画面同步，可直接用于展播与评审。";

fn main() -> ExitCode {
    let Some(out) = std::env::args().nth(1) else {
        eprintln!("usage: form_sample OUT_DIR");
        return ExitCode::from(2);
    };
    let out = Path::new(&out);
    if let Err(e) = std::fs::create_dir_all(out) {
        eprintln!("form_sample: {}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    let def = builtin();

    let mut ws = Workspace::fresh(&def, "w1", 0);
    let values = [
        ("unit_name", "重庆星辰智能制造科技有限公司"),
        ("credit_code", "915000002028033848"),
        ("work_title", "镁光十年——一位材料科学家的坚守"),
        ("address", "重庆市沙坪坝区大学城中路55号科技创新大厦12楼"),
        ("contact_name", "李晓雯"),
        ("email", "lixiaowen@xingchen-tech.com.cn"),
        ("phone", "023-65102837"),
        ("summary", SUMMARY),
    ];
    for (id, v) in values {
        ws.set_value(&def, Some("w1"), id, v, 0)
            .expect("the built-in definition has every sample field");
    }
    // The sample shows what a valid form looks like; say so if it stops being one.
    for f in &def.form.fields {
        if let Err(e) = validate_field(f, ws.value(&def, Some("w1"), &f.id)) {
            eprintln!("form_sample: the sample's {} is not valid: {e}", f.id);
        }
    }
    ws.edit_work("w1", 0, |w| {
        w.pledge.legal_representative = "王建国".to_string();
        w.pledge.date = "2023-05-20".to_string();
    });
    let sha = "9f2c4e7a1b3d5f6081726354a5b6c7d8e9f00112233445566778899aabbccdd";
    let filled = filled_form(&def, &ws, "w1", Some(verification("K7QF3M2X9PDA", sha)));

    let blank_ws = Workspace::fresh(&def, "w1", 0);
    let blank = filled_form(&def, &blank_ws, "w1", None);

    let mut long_ws = Workspace::fresh(&def, "w1", 0);
    for field in &def.form.fields {
        let v = match field.id.as_str() {
            "summary" => long_summary(field.max_chars),
            "unit_name" => "中国科学院重庆绿色智能技术研究院重庆市微纳制造与系统集成研究中心".to_string(),
            "work_title" => "从零到一：我们在实验室里度过的三千六百五十个日夜".to_string(),
            "address" => {
                "重庆市北碚区水土高新技术产业园云汉大道100号中国科学院重庆绿色智能技术研究院实验楼B座1203室"
                    .to_string()
            }
            "contact_name" => "欧阳晓雯".to_string(),
            "email" => "ouyang.xiaowen.publicity@cigit.cas.example.cn".to_string(),
            "phone" => "023-65935000 转 8012".to_string(),
            _ => "12500000450400474K".to_string(),
        };
        long_ws
            .set_value(&def, Some("w1"), &field.id, v, 0)
            .expect("a field of the definition");
    }
    long_ws.edit_work("w1", 0, |w| {
        w.pledge.legal_representative = "欧阳建国".to_string();
    });
    let long = filled_form(
        &def,
        &long_ws,
        "w1",
        Some(verification("K7QF3M2X9PDA", sha)),
    );

    // Every field at its definition's maximum: the longest form there can be.
    let mut max_ws = Workspace::fresh(&def, "w1", 0);
    for field in &def.form.fields {
        let n = field.max_chars;
        let v = match field.id.as_str() {
            "summary" => long_summary(n),
            "credit_code" => "12500000450400474K".to_string(),
            "email" => {
                let local: String = "ouyang.xiaowen.publicity"
                    .chars()
                    .cycle()
                    .take(n - 20)
                    .collect();
                format!("{local}@cigit.cas.example.cn")
            }
            "phone" => "023-65935000 转 8012，".chars().cycle().take(n).collect(),
            _ => "重庆市北碚区水土高新技术产业园云汉大道"
                .chars()
                .cycle()
                .take(n)
                .collect(),
        };
        max_ws
            .set_value(&def, Some("w1"), &field.id, v, 0)
            .expect("a field of the definition");
    }
    max_ws.edit_work("w1", 0, |w| {
        w.pledge.legal_representative = "欧阳建国".to_string();
    });
    let max = filled_form(&def, &max_ws, "w1", Some(verification("K7QF3M2X9PDA", sha)));

    // Markup, entities, placeholders, an RTL override and emoji: all must print literally,
    // and the override must not reorder anything outside its own value.
    let mut hostile_ws = Workspace::fresh(&def, "w1", 0);
    for field in &def.form.fields {
        let v = format!(
            "\u{202E}{}</w:t><w:p><script>alert(1)</script> &amp; {{credit_code}} 👩‍🔬",
            field.label
        );
        hostile_ws
            .set_value(&def, Some("w1"), &field.id, v, 0)
            .expect("a field of the definition");
    }
    hostile_ws.edit_work("w1", 0, |w| {
        w.pledge.legal_representative = "\u{202E}王建国".to_string();
    });
    let hostile = filled_form(&def, &hostile_ws, "w1", None);

    // Not yet one page (see docs/FINDINGS.md): written only on request, so that
    // scripts/docx-to-png.sh keeps gating the forms that are.
    if std::env::var_os("FORM_SAMPLE_MAX").is_some() {
        if let Err(e) = write_form(out, "form-max", &max) {
            eprintln!("form_sample: form-max: {e}");
            return ExitCode::FAILURE;
        }
    }
    for (stem, form) in [
        ("form-sample", &filled),
        ("form-blank", &blank),
        ("form-long", &long),
        ("form-hostile", &hostile),
    ] {
        if let Err(e) = write_form(out, stem, form) {
            eprintln!("form_sample: {stem}: {e}");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}

/// `max_chars` characters of summary in four paragraphs, as a unit writes a long one.
fn long_summary(max_chars: usize) -> String {
    let text: String = SUMMARY
        .chars()
        .filter(|c| *c != '\n')
        .cycle()
        .take(max_chars)
        .collect();
    let quarter = max_chars.div_ceil(4);
    let chars: Vec<char> = text.chars().collect();
    chars
        .chunks(quarter)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Writes `STEM.html` and `STEM.docx` (members deflated, as Word itself writes them).
fn write_form(out: &Path, stem: &str, form: &FilledForm) -> Result<(), Box<dyn std::error::Error>> {
    std::fs::write(out.join(format!("{stem}.html")), form_html(form))?;
    let file = std::fs::File::create(out.join(format!("{stem}.docx")))?;
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in form_docx_members(form) {
        zip.start_file(name, options)?;
        zip.write_all(&bytes)?;
    }
    zip.finish()?;
    Ok(())
}
