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
    /// The same, where nothing can be saved (it must not promise saving).
    pub offline_ready_unsaved: &'static str,
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
    /// Save status when the host page's bridge keeps the drafts.
    pub saved_via_host: &'static str,
    /// Save status when the browser granted storage on request.
    pub saved_granted: &'static str,
    /// A frame on another site that nothing lets save (never says private mode).
    pub embed_unsaved: &'static str,
    /// Link opening the same page in a tab of its own.
    pub open_new_window: &'static str,
    /// Button asking the browser for storage access.
    pub ask_access: &'static str,
    /// The browser refused storage access.
    pub access_denied: &'static str,
    /// Two stores held different drafts (`{opened}`, `{older}`: when each was saved).
    pub older_copy: &'static str,
    /// Button downloading the copy kept aside.
    pub download_older: &'static str,
    /// File name of that download.
    pub older_file_name: &'static str,
}
}

/// 简体中文.
pub const OFFLINE_ZH: OfflineStrings = OfflineStrings {
    update_ready: "报送助手有新版本。",
    update_button: "有新版本，刷新",
    offline_ready: "已可离线使用：断网后也能打开本页，填写的内容保存在本机。",
    offline_ready_unsaved: "已可离线使用：断网后也能打开本页。",
    single_file_note: "单文件版：无需网络和服务器，填写的内容保存在本浏览器中。",
    contest_failed: "无法使用大赛定义文件“{file}”：{why}。请联系提供本页面的单位。",
    contest_loading: "正在读取大赛定义……",
    param_ignored: "链接参数 {name}=“{value}” 无效，已忽略。",
    district_fixed: "所在区县已由本页面固定为“{district}”。",
    saved_via_host: "✓ 已自动保存（通过本网站保存）",
    saved_granted: "✓ 已自动保存（浏览器已允许此页面保存）",
    embed_unsaved: "浏览器不允许嵌在这个网站中的本页面保存填写的内容，关闭或刷新页面后内容会丢失。请在新窗口中打开，或点击“导出备份”保存到文件。",
    open_new_window: "在新窗口中打开（可自动保存）",
    ask_access: "允许本页面在本机保存",
    access_denied: "浏览器没有允许本页面保存。",
    older_copy: "本网站和本浏览器中各存有一份不同的草稿：已打开较新的一份（保存于 {opened}），另一份（保存于 {older}）已另行保留，未被覆盖。",
    download_older: "下载另一份",
    older_file_name: "报送助手-另一份草稿.json",
};
