//! Words of the offline, single-file and embedding features (离线、单文件、嵌入).

/// Offline, update and launch-parameter words.
pub struct OfflineStrings {
    /// A new build is cached and waiting.
    pub update_ready: &'static str,
    /// Button applying the new build.
    pub update_button: &'static str,
    /// After the first visit has cached every file.
    pub offline_ready: &'static str,
    /// The single-file build's note in the footer.
    pub single_file_note: &'static str,
    /// The contest definition file named in the link could not be used (`{file}`, `{why}`).
    pub contest_failed: &'static str,
    /// While the contest definition file loads.
    pub contest_loading: &'static str,
    /// A link parameter was ignored (`{name}`, `{value}`).
    pub param_ignored: &'static str,
    /// The district was fixed by the page that embeds the app (`{district}`).
    pub district_fixed: &'static str,
}

/// 简体中文.
pub const OFFLINE_ZH: OfflineStrings = OfflineStrings {
    update_ready: "报送助手有新版本。",
    update_button: "有新版本，刷新",
    offline_ready: "已可离线使用：断网后也能打开本页，填写的内容保存在本机。",
    single_file_note: "单文件版：无需网络和服务器，填写的内容保存在本浏览器中。",
    contest_failed: "无法使用大赛定义文件“{file}”：{why}。请联系提供本页面的单位。",
    contest_loading: "正在读取大赛定义……",
    param_ignored: "链接参数 {name}=“{value}” 无效，已忽略。",
    district_fixed: "所在区县已由本页面固定为“{district}”。",
};

/// English.
pub const OFFLINE_EN: OfflineStrings = OfflineStrings {
    update_ready: "A new version of the submission assistant is available.",
    update_button: "New version: reload",
    offline_ready: "Ready offline: this page opens without a network; what you enter stays on this computer.",
    single_file_note: "Single-file edition: no network or server needed; what you enter is saved in this browser.",
    contest_failed: "The contest definition file “{file}” cannot be used: {why}. Please contact whoever provides this page.",
    contest_loading: "Reading the contest definition…",
    param_ignored: "Link parameter {name}=“{value}” is not valid and was ignored.",
    district_fixed: "The district is fixed to “{district}” by this page.",
};
