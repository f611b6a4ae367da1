//! Words of the offline, single-file and embedding features (离线、单文件、嵌入).

table! {
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
