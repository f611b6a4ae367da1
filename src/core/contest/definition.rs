//! The serde-typed shape of a contest definition.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A whole contest: identity, people, rules, forms, districts, timeline and rubric.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContestDefinition {
    /// Stable identifier, e.g. `cq-2023-kxjjs`; packages record it.
    pub id: String,
    /// Year of the edition (届/年度).
    pub edition: u16,
    /// Full official title (大赛名称).
    pub title: String,
    /// Activity theme (活动主题).
    pub theme: String,
    /// Organising bodies (组织单位).
    pub organisers: Organisers,
    /// Kinds of creating unit allowed to enter (参与对象, R-ELIG-1).
    pub unit_kinds: Vec<UnitKind>,
    /// Statements the unit must confirm (R-ELIG-2..5).
    pub eligibility: Vec<Confirmation>,
    /// Format rules checkable from the file (R-VID-1..5).
    pub video: VideoRules,
    /// Format rules the unit confirms itself (R-VID-6..8).
    pub self_checks: Vec<Confirmation>,
    /// Fields of the unit's submission form (附件3 单位报送表, R-FORM-1).
    pub form: FormDefinition,
    /// The integrity pledge (创作单位诚信承诺, R-FORM-2).
    pub pledge: PledgeDefinition,
    /// District offices and their recommendation quota (R-DIST-2).
    pub districts: Vec<District>,
    /// The district recommendation form (附件2 区县推荐表, R-DIST-1).
    pub recommendation: RecommendationDefinition,
    /// Phases and dates (R-TIME-1).
    pub timeline: Vec<Phase>,
    /// Judging rubric (附件1 评审规则, R-JUDGE-1).
    pub rubric: Vec<RubricItem>,
    /// Award shares (R-JUDGE-2).
    pub awards: Vec<Award>,
    /// Optional work categories (作品类别); empty when the contest has none.
    #[serde(default)]
    pub categories: Vec<String>,
    /// What a unit does once its package is made (报送): the checklist after the download.
    #[serde(default, skip_serializing_if = "DeliveryDefinition::is_empty")]
    pub delivery: DeliveryDefinition,
    /// English beside the official texts, for the English interface; optional throughout.
    #[serde(default, skip_serializing_if = "EnglishTexts::is_empty")]
    pub en: EnglishTexts,
}

/// English for the English interface, which shows it beside the official Chinese (never
/// instead of it). The printed forms, .docx and packages never read it: the contest takes
/// Chinese forms. Every part is optional, and a text without English shows in Chinese only.
/// Kept apart from the Chinese structures, keyed by their ids, so a definition written before
/// it existed loads unchanged and the official texts read the same as the notice.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct EnglishTexts {
    /// The contest's title.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// The activity theme.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub theme: String,
    /// The hosts (主办单位), in the definition's order; empty or one per host.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub hosts: Vec<String>,
    /// The submission form's title.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub form_title: String,
    /// The submission form's attachment label, e.g. `Attachment 3`.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub form_attachment: String,
    /// Unit kind labels by unit kind id.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub unit_kinds: BTreeMap<String, String>,
    /// Form field labels and hints by field id.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, FieldEnglish>,
    /// Statements of the eligibility, self-check and pledge confirmations, by rule id.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub confirmations: BTreeMap<String, ConfirmationEnglish>,
    /// The pledge.
    #[serde(skip_serializing_if = "PledgeEnglish::is_empty")]
    pub pledge: PledgeEnglish,
    /// The checklist after the download.
    #[serde(skip_serializing_if = "DeliveryEnglish::is_empty")]
    pub delivery: DeliveryEnglish,
}

/// What a unit does once its package is made (报送后的步骤), in order. The texts may name
/// [`DELIVERY_PLACEHOLDERS`]; each is filled for the package the unit downloaded.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DeliveryDefinition {
    /// The steps, in the order they are done.
    pub steps: Vec<DeliveryStep>,
    /// Said when the work changed after the download: its 核验码 is new, so is its package.
    pub after_edit: String,
}

impl DeliveryDefinition {
    /// Whether the definition has no checklist.
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty() && self.after_edit.is_empty()
    }
}

/// Placeholders a delivery text may use: the package's file name, the unit's district, the
/// units' deadline, the 核验码 and the work's title.
pub const DELIVERY_PLACEHOLDERS: [&str; 5] = ["package", "district", "deadline", "code", "title"];

/// One step of the checklist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeliveryStep {
    /// Stable id (`package`, `paper`); the unit's ticks are kept by it.
    pub id: String,
    /// What to do.
    pub text: String,
    /// Only for a package with the video inside, or only for one without; always if absent.
    #[serde(default, skip_serializing_if = "VideoPlace::is_any")]
    pub when: VideoPlace,
}

/// Where the video travels, as a step asks for it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VideoPlace {
    /// Either way (the default: the step always applies).
    #[default]
    Any,
    /// Inside the package.
    Inside,
    /// Beside it, by the same route (or on a USB stick).
    Apart,
}

impl VideoPlace {
    /// Whether it is [`VideoPlace::Any`].
    pub fn is_any(&self) -> bool {
        *self == VideoPlace::Any
    }
}

/// The checklist in English, by step id.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DeliveryEnglish {
    /// Step texts by id, with the same placeholders.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub steps: BTreeMap<String, String>,
    /// The after-edit note.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub after_edit: String,
}

impl DeliveryEnglish {
    /// Whether nothing of the checklist is translated.
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty() && self.after_edit.is_empty()
    }
}

impl EnglishTexts {
    /// Whether the definition has no English at all.
    pub fn is_empty(&self) -> bool {
        *self == EnglishTexts::default()
    }
}

/// A form field's label (and hint) in English.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldEnglish {
    /// The label's meaning, e.g. `Creating unit`.
    pub label: String,
    /// The hint, when the Chinese one has something to say.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub hint: String,
}

/// A confirmation's statement (and detail) in English.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfirmationEnglish {
    /// The statement.
    pub statement: String,
    /// The longer explanation, when the Chinese has one.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub detail: String,
}

/// The pledge in English.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PledgeEnglish {
    /// Heading.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// A translation of the text, with the same `{unit_name}` and `{credit_code}` placeholders.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub text: String,
}

impl PledgeEnglish {
    /// Whether nothing of the pledge is translated.
    pub fn is_empty(&self) -> bool {
        self.title.is_empty() && self.text.is_empty()
    }
}

/// The bodies that run the contest (主办/协办/承办/媒体支持).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organisers {
    /// 主办单位.
    pub hosts: Vec<String>,
    /// 协办单位.
    pub co_organisers: Vec<String>,
    /// 承办单位 (may be empty when the notice leaves it blank).
    #[serde(default)]
    pub undertakers: Vec<String>,
    /// 媒体支持.
    #[serde(default)]
    pub media: Vec<String>,
}

/// One kind of creating unit (创作单位类型).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitKind {
    /// Machine id, e.g. `enterprise`.
    pub id: String,
    /// Label as in the notice, e.g. `在渝企业`.
    pub label: String,
}

/// A statement the unit ticks to confirm, tied to a rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Confirmation {
    /// Rule id, e.g. `R-ELIG-2`; also the key under which the answer is stored.
    pub rule: String,
    /// The plain-words statement the unit confirms.
    pub statement: String,
    /// Optional longer explanation shown below the statement.
    #[serde(default)]
    pub detail: String,
}

/// How bad a broken rule is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Fine.
    Pass,
    /// Worth fixing; does not block.
    Warn,
    /// Blocks the submission.
    Fail,
}

impl Severity {
    /// `pass`, `warn` or `fail`: its JSON form, and the CSS class of every place showing it.
    pub fn code(self) -> &'static str {
        match self {
            Severity::Pass => "pass",
            Severity::Warn => "warn",
            Severity::Fail => "fail",
        }
    }

    /// 通过、注意 or 不通过: the word of the package's report, an official Chinese document
    /// whatever the page's language (the page says it through `i18n::severity_word`).
    pub fn zh_word(self) -> &'static str {
        match self {
            Severity::Pass => "通过",
            Severity::Warn => "注意",
            Severity::Fail => "不通过",
        }
    }
}

/// The file-checkable video rules (作品要求（四）).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VideoRules {
    /// R-VID-1: container.
    pub container: ContainerRule,
    /// R-VID-2: duration.
    pub duration: DurationRule,
    /// R-VID-3: resolution.
    pub resolution: ResolutionRule,
    /// R-VID-4: picture aspect.
    pub aspect: AspectRule,
    /// R-VID-5: sound.
    pub audio: AudioRule,
    /// Least bit rate, frame rate and sampling rate below which the picture or the sound is
    /// poor; judged within R-VID-3 (the picture) and R-VID-5 (the sound). None: not judged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quality: Option<Box<QualityRule>>,
}

/// R-VID-1: the container format.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContainerRule {
    /// Rule id.
    pub rule: String,
    /// Severity when broken.
    pub severity: Severity,
    /// Allowed containers, lower case (`mp4`).
    pub allowed: Vec<String>,
}

/// R-VID-2: duration limits in seconds, inclusive.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DurationRule {
    /// Rule id.
    pub rule: String,
    /// Severity when broken.
    pub severity: Severity,
    /// Shortest allowed duration.
    pub min_seconds: f64,
    /// Longest allowed duration.
    pub max_seconds: f64,
}

/// A frame size in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrameSize {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// R-VID-3: allowed display resolutions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResolutionRule {
    /// Rule id.
    pub rule: String,
    /// Severity when broken.
    pub severity: Severity,
    /// Allowed sizes (landscape).
    pub allowed: Vec<FrameSize>,
}

/// R-VID-4: the display aspect ratio.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AspectRule {
    /// Rule id.
    pub rule: String,
    /// Severity when broken.
    pub severity: Severity,
    /// Ratio numerator (16).
    pub width: u32,
    /// Ratio denominator (9).
    pub height: u32,
    /// Relative tolerance, e.g. 0.01 accepts 1366×768.
    pub tolerance: f64,
}

/// R-VID-5: the sound track.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AudioRule {
    /// Rule id.
    pub rule: String,
    /// Severity when the file has no audio track.
    pub severity: Severity,
    /// Why that severity, in the notice's words.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub basis: String,
}

/// The least quality a file should have: below it the picture is not clear (图像清晰) or the
/// sound is poor; a hint to fix, never a format rule of its own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QualityRule {
    /// Severity when a measure is below its least value.
    pub severity: Severity,
    /// Least video bit rate, kb/s (1000 bit/s).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_bitrate_kbps: Option<u32>,
    /// Least frame rate, frames per second (23.976 counts as 24).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_frame_rate: Option<f64>,
    /// Least audio sampling rate, Hz.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_sample_rate_hz: Option<u32>,
    /// Why these values, in the notice's words.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub basis: String,
}

/// The submission form (附件3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormDefinition {
    /// Rule id (R-FORM-1).
    pub rule: String,
    /// Form title as printed.
    pub title: String,
    /// Attachment label, e.g. `附件3`.
    pub attachment: String,
    /// The fields in printed order.
    pub fields: Vec<FieldDefinition>,
}

/// What kind of value a form field holds, which picks its validator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    /// Free single-line text.
    Text,
    /// Free multi-line text.
    Multiline,
    /// Unified social credit code (统一社会信用代码).
    CreditCode,
    /// Telephone number.
    Phone,
    /// E-mail address.
    Email,
    /// A person's name.
    PersonName,
}

/// Which record a field belongs to: entered once per unit, or once per work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldScope {
    /// Stored with the unit and reused by each of its works.
    Unit,
    /// Entered for each work.
    Work,
}

/// What a field means to the parts of the app that use it by meaning rather than by id: the
/// printed 附件3, the pledge text, the duplicate-title reminder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldRole {
    /// 创作单位 (the unit's full name; the pledge names it).
    UnitName,
    /// 统一社会信用代码 (the pledge names it).
    CreditCode,
    /// 作品名称.
    WorkTitle,
    /// 联系地址.
    Address,
    /// 联系人姓名.
    ContactName,
    /// 电子邮箱.
    Email,
    /// 联系电话.
    Phone,
    /// 内容简介及主要创新点.
    Summary,
}

impl FieldRole {
    /// Every role; the printed 附件3 and the pledge need each of them exactly once.
    pub const ALL: [FieldRole; 8] = [
        FieldRole::UnitName,
        FieldRole::CreditCode,
        FieldRole::WorkTitle,
        FieldRole::Address,
        FieldRole::ContactName,
        FieldRole::Email,
        FieldRole::Phone,
        FieldRole::Summary,
    ];

    /// The role as written in a definition, e.g. `work_title`.
    pub fn key(self) -> &'static str {
        match self {
            FieldRole::UnitName => "unit_name",
            FieldRole::CreditCode => "credit_code",
            FieldRole::WorkTitle => "work_title",
            FieldRole::Address => "address",
            FieldRole::ContactName => "contact_name",
            FieldRole::Email => "email",
            FieldRole::Phone => "phone",
            FieldRole::Summary => "summary",
        }
    }
}

/// One field of the form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldDefinition {
    /// Machine id, e.g. `work_title`.
    pub id: String,
    /// What the field means to the printed form and the pledge; `None` for an extra field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<FieldRole>,
    /// Label exactly as on the official form.
    pub label: String,
    /// Hint shown under the field, e.g. `填写作品报送单位全称`.
    #[serde(default)]
    pub hint: String,
    /// Value kind.
    pub kind: FieldKind,
    /// Unit or work.
    pub scope: FieldScope,
    /// Whether it must be filled.
    pub required: bool,
    /// Minimum length in characters (after trimming).
    #[serde(default)]
    pub min_chars: usize,
    /// Maximum length in characters (after trimming).
    pub max_chars: usize,
}

/// How the signed and stamped pledge reaches the district.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScanRule {
    /// On paper (附件3 handed in); a scan in the package is welcome but optional.
    #[default]
    Paper,
    /// As a scan inside the package: no package without it.
    Required,
}

/// How the pledge's date appears on the printed form.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaperDate {
    /// The date the unit entered.
    #[default]
    Typed,
    /// `年 月 日`, written by hand when the form is stamped.
    Blank,
}

/// The integrity pledge (创作单位诚信承诺).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PledgeDefinition {
    /// Rule id (R-FORM-2).
    pub rule: String,
    /// Heading, `创作单位诚信承诺`.
    pub title: String,
    /// Verbatim text with `{unit_name}` and `{credit_code}` placeholders.
    pub text: String,
    /// The separate promises the unit ticks.
    pub promises: Vec<Confirmation>,
    /// `法定代表人（签字）`.
    pub signature_label: String,
    /// `承诺单位（盖章）`.
    pub stamp_label: String,
    /// The legal representative's typed name, printed small and apart from the signature
    /// line (`{name}`), which stays free for the hand; empty: the name is not printed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub signer_note: String,
    /// Whether the paper form prints the unit's pledge date or leaves `年 月 日` blank for
    /// the day it is really stamped.
    #[serde(default)]
    pub paper_date: PaperDate,
    /// Whether the signed and stamped pledge must come as a scan inside the package, or
    /// travels on paper (the scan optional). The unit's words and the district's flag both
    /// follow it.
    #[serde(default)]
    pub scan: ScanRule,
}

/// The district recommendation form (附件2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecommendationDefinition {
    /// Rule id (R-DIST-1).
    pub rule: String,
    /// Form title as printed.
    pub title: String,
    /// Attachment label, e.g. `附件2`.
    pub attachment: String,
    /// Table column headings in order.
    pub columns: Vec<String>,
    /// `推荐单位（盖章）`.
    pub recommender_label: String,
    /// `区县科技主管部门推荐意见`.
    pub opinion_label: String,
    /// The note under the table.
    pub note: String,
}

/// Administrative kind of a district-level unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DistrictKind {
    /// 区.
    District,
    /// 县.
    County,
    /// 自治县.
    AutonomousCounty,
    /// 新区/高新区/经开区.
    Zone,
}

/// A district office and its quota (R-DIST-2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct District {
    /// Name, e.g. `渝中区`.
    pub name: String,
    /// Administrative kind.
    pub kind: DistrictKind,
    /// Fewest works it recommends.
    pub quota_min: u32,
    /// Most works it may recommend.
    pub quota_max: u32,
}

/// One phase of the timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    /// Machine id: `collection`, `screening`, `judging`, `ceremony`.
    pub id: String,
    /// Label as in the notice.
    pub label: String,
    /// First day, ISO date, if the notice gives one.
    #[serde(default)]
    pub from: Option<String>,
    /// Last day, ISO date, if the notice gives one.
    #[serde(default)]
    pub until: Option<String>,
    /// The notice's own wording of the period, e.g. `8 月上旬`.
    #[serde(default)]
    pub note: String,
}

/// One line of the judging rubric.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RubricItem {
    /// 评选内容, e.g. `技术性`.
    pub category: String,
    /// 评选标准.
    pub criterion: String,
    /// 分值.
    pub points: u32,
}

/// An award and its share of works.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Award {
    /// Name, e.g. `一等奖`.
    pub name: String,
    /// Percentage of works, when the notice gives one.
    #[serde(default)]
    pub percent: Option<u32>,
    /// Fixed number of awards, when the notice gives one.
    #[serde(default)]
    pub count: Option<u32>,
    /// Free note, e.g. `若干名`.
    #[serde(default)]
    pub note: String,
}

/// What an empty placeholder of the pledge prints.
pub const PLEDGE_BLANK: &str = "＿＿＿＿＿＿＿＿";

impl ContestDefinition {
    /// The district with this name, if it is in the definition.
    pub fn district(&self, name: &str) -> Option<&District> {
        self.districts.iter().find(|d| d.name == name)
    }

    /// The form field with this id.
    pub fn field(&self, id: &str) -> Option<&FieldDefinition> {
        self.form.fields.iter().find(|f| f.id == id)
    }

    /// The form field that plays this role (the loader makes roles unique).
    pub fn field_by_role(&self, role: FieldRole) -> Option<&FieldDefinition> {
        self.form.fields.iter().find(|f| f.role == Some(role))
    }

    /// The last day on which units hand works to their district (end of collection).
    pub fn unit_deadline(&self) -> Option<&str> {
        self.timeline
            .iter()
            .find(|p| p.id == "collection")
            .and_then(|p| p.until.as_deref())
    }

    /// Sum of the rubric's points (100 for a well-formed definition).
    pub fn rubric_total(&self) -> u32 {
        self.rubric.iter().map(|r| r.points).sum()
    }

    /// The values the pledge's `{unit_name}` and `{credit_code}` take: trimmed, and a blank
    /// line where nothing was typed, so the gap stays visible on paper.
    pub fn pledge_values(unit_name: &str, credit_code: &str) -> [(&'static str, String); 2] {
        let blank = |s: &str| {
            if s.trim().is_empty() {
                PLEDGE_BLANK.to_string()
            } else {
                s.trim().to_string()
            }
        };
        [
            ("unit_name", blank(unit_name)),
            ("credit_code", blank(credit_code)),
        ]
    }

    /// The pledge text with the unit's name and credit code filled in; blanks stay visible.
    pub fn pledge_text(&self, unit_name: &str, credit_code: &str) -> String {
        Self::fill_pledge(&self.pledge.text, unit_name, credit_code)
    }

    /// The English translation of the pledge filled in like [`Self::pledge_text`], if any.
    pub fn pledge_text_en(&self, unit_name: &str, credit_code: &str) -> Option<String> {
        let text = &self.en.pledge.text;
        (!text.is_empty()).then(|| Self::fill_pledge(text, unit_name, credit_code))
    }

    fn fill_pledge(template: &str, unit_name: &str, credit_code: &str) -> String {
        let values = Self::pledge_values(unit_name, credit_code);
        let pairs: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        crate::core::template::fill(template, &pairs)
    }

    /// The English of the form field with this id, if the definition has it.
    pub fn field_en(&self, id: &str) -> Option<&FieldEnglish> {
        self.en.fields.get(id)
    }

    /// The English of the confirmation with this rule id, if the definition has it.
    pub fn confirmation_en(&self, rule: &str) -> Option<&ConfirmationEnglish> {
        self.en.confirmations.get(rule)
    }

    /// The English label of the unit kind with this id, `""` when the definition has none.
    pub fn unit_kind_en(&self, id: &str) -> &str {
        self.en.unit_kinds.get(id).map_or("", String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::Severity;

    #[test]
    fn a_severity_code_is_its_json_form() {
        for (s, word) in [
            (Severity::Pass, "通过"),
            (Severity::Warn, "注意"),
            (Severity::Fail, "不通过"),
        ] {
            assert_eq!(serde_json::to_value(s).unwrap(), s.code());
            assert_eq!(s.zh_word(), word);
        }
    }
}
