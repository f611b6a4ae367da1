//! Every UI string, in one place: Simplified Chinese (`zh.rs`, the default, compiled in) and
//! English (`en.json`, fetched only when English is chosen: Chinese users download none of
//! it), one table per locale, chosen once per page load.
//!
//! Rule texts, labels and pledge wording come from the contest definition, not from here;
//! this module holds only the app's own words.

#[macro_use]
mod table;

mod english;
mod offline;
mod zh;

pub use english::{english_loaded, load_english, EnglishError, ENGLISH_FILE};
pub use offline::{OfflineStrings, OFFLINE_ZH};

pub use zh::ZH;

use std::cell::Cell;
use table::Keyed;

table! {
/// The district workspace's words.
pub struct DistrictStrings {
    /// File name of the district backup.
    pub backup_file_name: &'static str,
    /// Button making the bundle.
    pub bundle_button: &'static str,
    /// After the bundle download starts.
    pub bundle_done: &'static str,
    /// While the bundle is made.
    pub bundle_making: &'static str,
    /// Checkbox: videos inside the bundle.
    pub bundle_with_videos: &'static str,
    /// Packages found by 核验码.
    pub code_found: &'static str,
    /// No package has the typed 核验码.
    pub code_none: &'static str,
    /// Label of the 核验码 search.
    pub code_search: &'static str,
    /// Column: actions.
    pub col_actions: &'static str,
    /// Column: arrival order.
    pub col_arrival: &'static str,
    /// Column: 核验码.
    pub col_code: &'static str,
    /// Column: flags.
    pub col_flags: &'static str,
    /// Column: package verification.
    pub col_form: &'static str,
    /// Column: unit kind.
    pub col_kind: &'static str,
    /// Column: pledge scan.
    pub col_scan: &'static str,
    /// Column: work title.
    pub col_title: &'static str,
    /// Column: unit.
    pub col_unit: &'static str,
    /// Column: video.
    pub col_video: &'static str,
    /// Colon between a label and its text.
    pub colon: &'static str,
    /// Deadline line.
    pub deadline_line: &'static str,
    /// Button opening a row.
    pub details: &'static str,
    /// Accessible name of the open button.
    pub details_aria: &'static str,
    /// Heading: video checks.
    pub details_checks: &'static str,
    /// Heading: flags.
    pub details_flags: &'static str,
    /// Heading: the unit's look-and-listen pre-check.
    pub details_precheck: &'static str,
    /// Heading: verification.
    pub details_problems: &'static str,
    /// Accessible name of the details region.
    pub details_region: &'static str,
    /// Heading: the contact sheet.
    pub details_sheet: &'static str,
    /// Download CSV.
    pub download_csv: &'static str,
    /// Download .docx.
    pub download_docx: &'static str,
    /// Download HTML.
    pub download_html: &'static str,
    /// Download .xlsx.
    pub download_xlsx: &'static str,
    /// No package yet.
    pub empty: &'static str,
    /// Export backup.
    pub export_backup: &'static str,
    /// A received file the browser did not keep.
    pub file_missing: &'static str,
    /// Filter label.
    pub filter_label: &'static str,
    /// Verified.
    pub form_ok: &'static str,
    /// Verification problems.
    pub form_problems: &'static str,
    /// Video workers running.
    pub hashing_status: &'static str,
    /// Import backup.
    pub import_backup: &'static str,
    /// After an import.
    pub import_done: &'static str,
    /// Heading: collect.
    pub intake_heading: &'static str,
    /// Hint under the drop zone.
    pub intake_hint: &'static str,
    /// Drop zone label.
    pub intake_label: &'static str,
    /// Privacy note.
    pub local_only: &'static str,
    /// Heading: videos without a package.
    pub loose_heading: &'static str,
    /// Before sending.
    pub missing_intro: &'static str,
    /// Move down.
    pub move_down_aria: &'static str,
    /// Move up.
    pub move_up_aria: &'static str,
    /// No flags.
    pub no_flags: &'static str,
    /// Nothing picked.
    pub nothing_picked: &'static str,
    /// Office contact.
    pub office_contact: &'static str,
    /// Form date.
    pub office_date: &'static str,
    /// Office district.
    pub office_district: &'static str,
    /// No district chosen.
    pub office_district_none: &'static str,
    /// Office settings legend.
    pub office_legend: &'static str,
    /// Office full name.
    pub office_name: &'static str,
    /// 推荐意见.
    pub office_opinion: &'static str,
    /// Office phone.
    pub office_phone: &'static str,
    /// Only rows with flags.
    pub only_flagged: &'static str,
    /// Override note.
    pub override_label: &'static str,
    /// Recommend with the note.
    pub override_pick: &'static str,
    /// Recommend button.
    pub pick: &'static str,
    /// Accessible name of the recommend button.
    pub pick_aria: &'static str,
    /// No district yet.
    pub pick_needs_district: &'static str,
    /// Already picked.
    pub picked_as: &'static str,
    /// The pre-check found nothing.
    pub precheck_clear: &'static str,
    /// Before a pre-check hint's fix.
    pub precheck_fix: &'static str,
    /// How long a hint lasts (`{seconds}`).
    pub precheck_lasting: &'static str,
    /// Before what the pre-check could not do.
    pub precheck_limits: &'static str,
    /// Loudness line (`{lufs}`, `{peak}`).
    pub precheck_loudness: &'static str,
    /// The unit did not run the pre-check.
    pub precheck_none: &'static str,
    /// Preview button.
    pub preview: &'static str,
    /// Preview frame title.
    pub preview_title: &'static str,
    /// Print the preview.
    pub print: &'static str,
    /// Quota of the district.
    pub quota_line: &'static str,
    /// Picked against quota.
    pub quota_status: &'static str,
    /// Counts.
    pub received_counts: &'static str,
    /// Heading: recommend.
    pub recommend_heading: &'static str,
    /// Remove.
    pub remove: &'static str,
    /// Table caption.
    pub review_caption: &'static str,
    /// Heading: review.
    pub review_heading: &'static str,
    /// No scan.
    pub scan_no: &'static str,
    /// Column 扫描件 where none is in the package and the pledge travels on paper.
    pub scan_paper: &'static str,
    /// Scan inside.
    pub scan_yes: &'static str,
    /// Heading: send.
    pub send_heading: &'static str,
    /// Alternative text of the contact sheet.
    pub sheet_alt: &'static str,
    /// The package has no contact sheet.
    pub sheet_none: &'static str,
    /// Sort by arrival.
    pub sort_arrival: &'static str,
    /// Sort by kind.
    pub sort_kind: &'static str,
    /// Sort label.
    pub sort_label: &'static str,
    /// Sort by problems.
    pub sort_problems: &'static str,
    /// Sort by title.
    pub sort_title: &'static str,
    /// Sort by unit.
    pub sort_unit: &'static str,
    /// Remove from list.
    pub unpick: &'static str,
    /// Accessible name of remove from list.
    pub unpick_aria: &'static str,
    /// Video fails.
    pub video_fail: &'static str,
    /// Worker failed.
    pub video_failed: &'static str,
    /// Hashing.
    pub video_hashing: &'static str,
    /// Hashing, before any percentage is known.
    pub video_hashing_start: &'static str,
    /// Video passes.
    pub video_pass: &'static str,
    /// Waiting.
    pub video_queued: &'static str,
    /// Video not yet hashed.
    pub video_unchecked: &'static str,
    /// No video.
    pub video_unknown: &'static str,
    /// Video sent apart, no package.
    pub video_unmatched: &'static str,
    /// Video with warnings.
    pub video_warn: &'static str,
    /// Video hashed and differs from the package's record.
    pub video_differs: &'static str,
    /// Video verified by hash, not inspected by the office.
    pub video_matched: &'static str,
    /// The package could not be read.
    pub video_unreadable: &'static str,
    /// The unit's own check, `{verdict}`.
    pub unit_claim: &'static str,
    /// Unit's check passed.
    pub unit_claim_pass: &'static str,
    /// Unit's check with notes.
    pub unit_claim_warn: &'static str,
    /// Unit's check failed.
    pub unit_claim_fail: &'static str,
    /// A setting still empty, `{label}`.
    pub missing_fill: &'static str,
    /// Undo a pick in its row.
    pub pick_undo: &'static str,
    /// Accessible name of undo, `{title}`.
    pub pick_undo_aria: &'static str,
    /// Accessible name of a row's checkbox, `{title}`.
    pub select_row_aria: &'static str,
    /// Select every row shown.
    pub select_shown: &'static str,
    /// How many rows are selected, `{n}`.
    pub bulk_count: &'static str,
    /// Recommend the selected rows.
    pub bulk_pick: &'static str,
    /// Remove the selected rows.
    pub bulk_remove: &'static str,
    /// Clear the selection.
    pub bulk_clear: &'static str,
    /// Confirm removing `{n}` packages.
    pub bulk_remove_confirm: &'static str,
    /// Confirm the removal.
    pub bulk_remove_yes: &'static str,
    /// Result of a bulk pick, `{done}`.
    pub bulk_picked: &'static str,
    /// A row a bulk pick refused, `{title}`, `{why}`.
    pub bulk_refused: &'static str,
    /// Cue for the wide table and its keyboard path.
    pub table_hint: &'static str,
    /// Filter: only rows whose package carries pre-check hints.
    pub only_hints: &'static str,
    /// Badge: the unit's pre-check gave `{n}` hints.
    pub hints_badge: &'static str,
    /// The badge's tooltip (`{n}`).
    pub hints_title: &'static str,
}
}

table! {
/// The app's own words in one locale.
pub struct Strings {
    /// The district workspace (区县工作台).
    pub district: DistrictStrings,
    /// Offline, update and embedding words.
    pub offline: OfflineStrings,
    /// The language switch's label: the other language's own name (English, 中文).
    pub locale_switch: &'static str,
    /// The language switch's tooltip, in the language it switches to.
    pub locale_switch_title: &'static str,
    /// The document's `<title>`.
    pub document_title: &'static str,
    /// While the district workspace's code loads.
    pub district_loading: &'static str,
    /// The district workspace's code could not load.
    pub district_load_failed: &'static str,
    /// Product name (报送助手).
    pub app_name: &'static str,
    /// One-line description under the name.
    pub tagline: &'static str,
    /// Label before the unit deadline date.
    pub deadline_label: &'static str,
    /// Aria label of the step navigation.
    pub steps_nav_label: &'static str,
    /// Names of the unit flow's steps, in order.
    pub step_names: [&'static str; 5],
    /// Entry to the district-office workspace.
    pub district_entry: &'static str,
    /// Link back from the district workspace to the unit flow.
    pub unit_entry: &'static str,
    /// "Previous step" button.
    pub prev_step: &'static str,
    /// "Next step" button.
    pub next_step: &'static str,
    /// Print button.
    pub print: &'static str,
    /// Heading of the district workspace.
    pub district_title: &'static str,
    /// Explanation on the district workspace.
    pub district_intro: &'static str,
    /// Footer privacy promise.
    pub privacy_note: &'static str,
    /// "Step n of m" for screen readers; `{n}` and `{m}` are replaced.
    pub step_of: &'static str,
    /// Package step: package ready.
    pub package_ready: &'static str,
    /// Package step: package not ready.
    pub package_not_ready: &'static str,
    /// Package step: package reminders.
    pub package_reminders: &'static str,
    /// Name of the video check: rule container.
    pub rule_container: &'static str,
    /// Name of the video check: rule duration.
    pub rule_duration: &'static str,
    /// Name of the video check: rule resolution.
    pub rule_resolution: &'static str,
    /// Name of the video check: rule aspect.
    pub rule_aspect: &'static str,
    /// Name of the video check: rule audio.
    pub rule_audio: &'static str,
    /// Name of the video check: rule file.
    pub rule_file: &'static str,
    /// Video step: video pick label.
    pub video_pick_label: &'static str,
    /// Video step: video privacy.
    pub video_privacy: &'static str,
    /// Video step: video reading.
    pub video_reading: &'static str,
    /// Video step: video repick note.
    pub video_repick_note: &'static str,
    /// Video step: video cannot play.
    pub video_cannot_play: &'static str,
    /// Video step: video preview caption.
    pub video_preview_caption: &'static str,
    /// Video step: self check legend.
    pub self_check_legend: &'static str,
    /// Video step: self check hint.
    pub self_check_hint: &'static str,
    /// Package step: the pre-check is still running.
    pub package_precheck_running: &'static str,
    /// Video step: heading of the look-and-listen pre-check.
    pub precheck_title: &'static str,
    /// Video step: what the pre-check does.
    pub precheck_intro: &'static str,
    /// Video step: pre-check progress; {done} and {total} steps.
    pub precheck_running: &'static str,
    /// Video step: pre-check starting.
    pub precheck_starting: &'static str,
    /// Video step: stop the pre-check.
    pub precheck_cancel: &'static str,
    /// Video step: run the pre-check again.
    pub precheck_restart: &'static str,
    /// Video step: the pre-check was stopped.
    pub precheck_cancelled: &'static str,
    /// Video step: the pre-check failed; {message}.
    pub precheck_failed: &'static str,
    /// Video step: nothing found.
    pub precheck_clean: &'static str,
    /// Video step: how many hints; {n}.
    pub precheck_count: &'static str,
    /// Video step: what was looked at; {frames}, {seconds}, {bytes}, {percent}, {time}.
    pub precheck_done: &'static str,
    /// The same when the reads covered the whole file (some of it twice).
    pub precheck_done_whole: &'static str,
    /// Video step: loudness line; {lufs} and {peak}.
    pub precheck_loudness: &'static str,
    /// Video step: where a hint was seen; {time}.
    pub precheck_at: &'static str,
    /// Video step: prefix of a fix.
    pub precheck_fix: &'static str,
    /// Video step: label of the hints under a self-check.
    pub precheck_hint_label: &'static str,
    /// Video step: the second look asked once under a self-check that has hints.
    pub precheck_hints_seen: &'static str,
    /// Video step: said (politely) while a self-check with hints is ticked without it.
    pub precheck_hints_seen_ask: &'static str,
    /// Video step: hints about no self-check.
    pub precheck_other: &'static str,
    /// Video step: caption of the contact sheet; {n} pictures.
    pub precheck_sheet_caption: &'static str,
    /// Video step: alt text of the contact sheet.
    pub precheck_sheet_alt: &'static str,
    /// Video step: the pre-check needs the file again.
    pub precheck_needs_file: &'static str,
    /// Video step: hash label.
    pub hash_label: &'static str,
    /// Video step: time left.
    pub time_left: &'static str,
    /// Video step: hash cancel.
    pub hash_cancel: &'static str,
    /// Video step: hash cancelled.
    pub hash_cancelled: &'static str,
    /// Video step: hash restart.
    pub hash_restart: &'static str,
    /// Video step: hash failed.
    pub hash_failed: &'static str,
    /// Video step: video no report.
    pub video_no_report: &'static str,
    /// Video step: verdict pass.
    pub verdict_pass: &'static str,
    /// Video step: verdict warn.
    pub verdict_warn: &'static str,
    /// Video step: verdict fail.
    pub verdict_fail: &'static str,
    /// Video step: fix label.
    pub fix_label: &'static str,
    /// Video step: checks caption.
    pub checks_caption: &'static str,
    /// Video step: col rule.
    pub col_rule: &'static str,
    /// Video step: col status.
    pub col_status: &'static str,
    /// Video step: col explain.
    pub col_explain: &'static str,
    /// Video step: bytes read note.
    pub bytes_read_note: &'static str,
    /// The disclosure that holds the technical details.
    pub details_summary: &'static str,
    /// Before the list of the checks' rule codes.
    pub rule_codes: &'static str,
    /// The video's SHA-256 is computed (the full value is under the details).
    pub hash_done: &'static str,
    /// The package's machine-readable members, under the details.
    pub package_data_files: &'static str,
    /// The package step of a work nobody has begun.
    pub work_not_started: &'static str,
    /// The link to the first step, `{step}`.
    pub start_first_step: &'static str,
    /// Video step: status pass.
    pub status_pass: &'static str,
    /// Video step: status warn.
    pub status_warn: &'static str,
    /// Video step: status fail.
    pub status_fail: &'static str,
    /// Video step: fact container.
    pub fact_container: &'static str,
    /// Video step: fact duration.
    pub fact_duration: &'static str,
    /// Video step: fact size.
    pub fact_size: &'static str,
    /// Video step: fact bitrate.
    pub fact_bitrate: &'static str,
    /// Video step: fact video.
    pub fact_video: &'static str,
    /// Video step: fact coded.
    pub fact_coded: &'static str,
    /// Video step: fact display.
    pub fact_display: &'static str,
    /// Video step: fact rotation.
    pub fact_rotation: &'static str,
    /// Video step: fact fps.
    pub fact_fps: &'static str,
    /// Video step: vfr.
    pub vfr: &'static str,
    /// Video step: cfr.
    pub cfr: &'static str,
    /// Video step: fact audio.
    pub fact_audio: &'static str,
    /// Video step: fact no audio.
    pub fact_no_audio: &'static str,
    /// Video step: fact layout.
    pub fact_layout: &'static str,
    /// Video step: faststart yes.
    pub faststart_yes: &'static str,
    /// Video step: faststart no.
    pub faststart_no: &'static str,
    /// Video step: fragmented.
    pub fragmented: &'static str,
    /// Video step: facts caption.
    pub facts_caption: &'static str,
    /// Screen-reader note on a finished step.
    pub step_done_sr: &'static str,
    /// 各步骤的说明.
    pub step_intros: [&'static str; 5],
    /// 尚未填写.
    pub not_filled: &'static str,
    /// shared unit note.
    pub shared_unit_note: &'static str,
    /// edit unit.
    pub edit_unit: &'static str,
    /// form legend.
    pub form_legend: &'static str,
    /// district legend.
    pub district_legend: &'static str,
    /// district filter label.
    pub district_filter_label: &'static str,
    /// district filter placeholder.
    pub district_filter_placeholder: &'static str,
    /// district label.
    pub district_label: &'static str,
    /// district none.
    pub district_none: &'static str,
    /// district chosen.
    pub district_chosen: &'static str,
    /// unit kind legend.
    pub unit_kind_legend: &'static str,
    /// unit info legend.
    pub unit_info_legend: &'static str,
    /// eligibility legend.
    pub eligibility_legend: &'static str,
    /// pledge fill hint.
    pub pledge_fill_hint: &'static str,
    /// Under the pledge's English translation: the Chinese is what is signed.
    pub pledge_translation_note: &'static str,
    /// pledge promises legend.
    pub pledge_promises_legend: &'static str,
    /// pledge sign legend.
    pub pledge_sign_legend: &'static str,
    /// legal rep label.
    pub legal_rep_label: &'static str,
    /// legal rep hint.
    pub legal_rep_hint: &'static str,
    /// pledge date label.
    pub pledge_date_label: &'static str,
    /// today.
    pub today: &'static str,
    /// print sign legend.
    pub print_sign_legend: &'static str,
    /// print sign steps.
    pub print_sign_steps: &'static str,
    /// The same where the definition requires the scan inside the package.
    pub print_sign_steps_required: &'static str,
    /// open print view.
    pub open_print_view: &'static str,
    /// scan label.
    pub scan_label: &'static str,
    /// scan wrong type.
    pub scan_wrong_type: &'static str,
    /// scan too big.
    pub scan_too_big: &'static str,
    /// scan save failed.
    pub scan_save_failed: &'static str,
    /// scan missing.
    pub scan_missing: &'static str,
    /// scan attached.
    pub scan_attached: &'static str,
    /// scan view.
    pub scan_view: &'static str,
    /// scan remove.
    pub scan_remove: &'static str,
    /// scan none.
    pub scan_none: &'static str,
    /// untitled work.
    pub untitled_work: &'static str,
    /// works label.
    pub works_label: &'static str,
    /// add work.
    pub add_work: &'static str,
    /// remove work.
    pub remove_work: &'static str,
    /// remove work question.
    pub remove_work_question: &'static str,
    /// remove work confirm.
    pub remove_work_confirm: &'static str,
    /// cancel.
    pub cancel: &'static str,
    /// step complete.
    pub step_complete: &'static str,
    /// step missing.
    pub step_missing: &'static str,
    /// saved locally.
    pub saved_locally: &'static str,
    /// not saved.
    pub not_saved: &'static str,
    /// storage unavailable.
    pub storage_unavailable: &'static str,
    /// storage full.
    pub storage_full: &'static str,
    /// storage other.
    pub storage_other: &'static str,
    /// recovered note.
    pub recovered_note: &'static str,
    /// download recovered.
    pub download_recovered: &'static str,
    /// export backup.
    pub export_backup: &'static str,
    /// import backup.
    pub import_backup: &'static str,
    /// import done.
    pub import_done: &'static str,
    /// import failed.
    pub import_failed: &'static str,
    /// clear all.
    pub clear_all: &'static str,
    /// clear question.
    pub clear_question: &'static str,
    /// clear confirm.
    pub clear_confirm: &'static str,
    /// Print view: why to finish the video check before printing.
    pub print_code_hint: &'static str,
    /// back to pledge.
    pub back_to_pledge: &'static str,
    /// print hint.
    pub print_hint: &'static str,
    /// Skip link to the main content.
    pub skip_link: &'static str,
    /// Header line with the contest theme; `{theme}` is replaced.
    pub theme_line: &'static str,
    /// Footer line with the hosts; `{hosts}` is replaced.
    pub hosts_line: &'static str,
    /// Separator between names in a list (、).
    pub list_separator: &'static str,
    /// A form label followed by its value; `{label}` is replaced.
    pub label_colon: &'static str,
    /// A size or count in brackets after a name; `{x}` is replaced.
    pub bracketed: &'static str,
    /// A district option with its quota; `{name}`, `{min}`, `{max}` are replaced.
    pub district_option: &'static str,
    /// Label before the SHA-256 in the report.
    pub sha256_label: &'static str,
    /// Duration in seconds after the formatted duration; `{s}` is replaced.
    pub duration_seconds: &'static str,
    /// Frame rate line; `{fps}` and `{mode}` are replaced.
    pub fps_line: &'static str,
    /// Audio track line; `{format}`, `{channels}`, `{rate}` are replaced.
    pub audio_line: &'static str,
    /// Work state: nothing entered yet.
    pub work_state_draft: &'static str,
    /// Work state: started; `{n}` blockers left.
    pub work_state_incomplete: &'static str,
    /// Work state: ready to package.
    pub work_state_ready: &'static str,
    /// Shown over a page that hit a programming error.
    pub crash_message: &'static str,
    /// Reload button of the crash notice.
    pub crash_reload: &'static str,
    /// The crash notice when the latest changes could not be saved.
    pub crash_unsaved: &'static str,
    /// Invisible characters refused where they were typed or pasted (`{n}`).
    pub invisible_refused: &'static str,
    /// Invisible characters removed from an imported backup or a reopened package (`{n}`).
    pub invisible_removed: &'static str,
    /// App-wide status of a work's video being inspected; `{title}` is replaced.
    pub video_status_inspecting: &'static str,
    /// App-wide status of a work's fingerprint; `{title}` and `{pct}` are replaced.
    pub video_status_hashing: &'static str,
    /// Link from the app-wide video status to the video step.
    pub video_status_open: &'static str,
    /// File name of an exported backup; `{date}` is replaced.
    pub backup_file_name: &'static str,
    /// The chosen video changed on disk since it was hashed.
    pub package_video_changed: &'static str,
    /// Putting the video inside needs the file in this tab.
    pub package_need_file: &'static str,
    /// Package member: 附件3 as Word.
    pub member_form_docx: &'static str,
    /// Package member: 附件3 as HTML.
    pub member_form_html: &'static str,
    /// Package member: the inspection report.
    pub member_report: &'static str,
    /// Package member: inspection.json.
    pub member_inspection_json: &'static str,
    /// Package member: submission.json.
    pub member_submission_json: &'static str,
    /// Package member: manifest.json.
    pub member_manifest: &'static str,
    /// Package member: the pledge scan.
    pub member_scan: &'static str,
    /// Package member: the pre-check's contact sheet.
    pub member_contact_sheet: &'static str,
    /// Package member: the video.
    pub member_video: &'static str,
    /// Download size with the video; `{size}` is replaced.
    pub package_size_with_video: &'static str,
    /// Download size without the video.
    pub package_size_small: &'static str,
    /// Heading of the package contents.
    pub package_contents_title: &'static str,
    /// Checkbox: put the video inside; `{size}` is replaced.
    pub package_include_video: &'static str,
    /// Hint under the video checkbox.
    pub package_include_video_hint: &'static str,
    /// Label before the verification code.
    pub package_code_label: &'static str,
    /// The video hash is still missing.
    pub package_need_hash: &'static str,
    /// The download button.
    pub package_download: &'static str,
    /// Packaging in progress.
    pub package_building: &'static str,
    /// Packaging done; `{name}` is replaced.
    pub package_done: &'static str,
    /// Packaging failed; `{why}` is replaced.
    pub package_failed: &'static str,
    /// The video could not be read; `{why}` is replaced.
    pub open_video_unreadable: &'static str,
    /// Heading of the open-package section.
    pub open_title: &'static str,
    /// Hint of the open-package section.
    pub open_hint: &'static str,
    /// Button label to choose a package.
    pub open_label: &'static str,
    /// Reading a package.
    pub open_reading: &'static str,
    /// A work was restored; `{title}` is replaced.
    pub open_restored: &'static str,
    /// Every member matches the manifest.
    pub open_members_ok: &'static str,
    /// Heading of the problems list.
    pub open_problems: &'static str,
    /// Hashing the video; `{pct}` is replaced.
    pub open_video_hashing: &'static str,
    /// The video matches.
    pub open_video_ok: &'static str,
    /// The video is not inside the package.
    pub open_video_needed: &'static str,
    /// Label of the separate video input.
    pub open_video_label: &'static str,
    /// A date; `{y}`, `{m}`, `{d}` are replaced.
    pub date_format: &'static str,
    /// File name of the unreadable saved data offered for download.
    pub recovered_file_name: &'static str,
    /// Heading of the checklist after the download.
    pub delivery_heading: &'static str,
    /// Under the heading: the ticks are kept with the work.
    pub delivery_intro: &'static str,
    /// Button printing the checklist.
    pub delivery_print: &'static str,
    /// The work changed after its package was made (`{package}`); the definition's note follows.
    pub delivery_outdated: &'static str,
    /// Every step ticked.
    pub delivery_all_done: &'static str,
}
}

/// How many strings one table holds.
pub const STRING_COUNT: usize = std::mem::size_of::<Strings>() / std::mem::size_of::<&str>();

// A table is nothing but `&'static str`s (its nested tables and arrays too), so it has the
// layout of `[&'static str; STRING_COUNT]`; `tests/i18n_strings.rs` checks that `entries` and
// that layout name the same strings in the same order.
const _: () = assert!(std::mem::size_of::<Strings>() == STRING_COUNT * std::mem::size_of::<&str>());
const _: () = assert!(std::mem::align_of::<Strings>() == std::mem::align_of::<&str>());

impl Strings {
    /// The table's strings in declaration order (the order of `en.json`).
    pub fn as_list(&self) -> &[&'static str; STRING_COUNT] {
        // SAFETY: `Strings` and its nested tables are `repr(C)` structs of `&'static str`
        // and arrays of them only (size and alignment asserted above), so it has exactly the
        // layout of the array.
        unsafe { &*(self as *const Strings).cast::<[&'static str; STRING_COUNT]>() }
    }

    /// A table from its strings in declaration order. Read by position rather than by name,
    /// so the page carries no list of the 300-odd keys nor code per field.
    pub fn from_list(list: [&'static str; STRING_COUNT]) -> Strings {
        // SAFETY: as in `as_list`: the same layout, and every `&'static str` is valid.
        unsafe { std::mem::transmute::<[&'static str; STRING_COUNT], Strings>(list) }
    }

    /// Every string of the table with its key (`district.col_title`, `step_names.2`), in
    /// declaration order, for the tests that compare locales and check `en.json`.
    pub fn entries(&self) -> Vec<(String, &'static str)> {
        let mut out = Vec::with_capacity(STRING_COUNT);
        self.keyed("", &mut out);
        out
    }
}

/// An interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Locale {
    /// Simplified Chinese, the default: the contest and its forms are Chinese.
    #[default]
    Zh,
    /// English, with the official form labels still shown in Chinese beside it.
    En,
}

impl Locale {
    /// Every locale, the default first.
    pub const ALL: [Locale; 2] = [Locale::Zh, Locale::En];

    /// The locale of a language tag (`zh`, `zh-CN`, `zh_Hans`, `EN-us`, …), by its primary
    /// subtag, case-insensitive; `None` for a language the app does not speak.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or_default();
        match primary.to_ascii_lowercase().as_str() {
            "zh" => Some(Locale::Zh),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    /// The BCP 47 tag for `<html lang>` and storage: `zh-CN` or `en`.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::Zh => "zh-CN",
            Locale::En => "en",
        }
    }

    /// The string table of this locale. English is Chinese until [`load_english`] has run
    /// (the page loads it before choosing English); native builds read it at first use.
    pub fn strings(self) -> &'static Strings {
        match self {
            Locale::Zh => &ZH,
            Locale::En => english::table().unwrap_or(&ZH),
        }
    }

    /// The locale the header's switch offers.
    pub fn other(self) -> Locale {
        match self {
            Locale::Zh => Locale::En,
            Locale::En => Locale::Zh,
        }
    }
}

thread_local! {
    // Per thread so native tests that switch cannot disturb each other; wasm has one thread.
    static ACTIVE: Cell<Locale> = const { Cell::new(Locale::Zh) };
}

/// Makes `locale` the active one; called once at start (`web::locale::init`), before rendering.
pub fn set_locale(locale: Locale) {
    ACTIVE.with(|a| a.set(locale));
}

/// The active locale.
pub fn locale() -> Locale {
    ACTIVE.with(Cell::get)
}

/// The strings of the active locale (Simplified Chinese unless switched).
pub fn t() -> &'static Strings {
    locale().strings()
}

/// Formats a template with `{name}` placeholders in one pass (user text stays literal).
pub use crate::core::template::fill;

/// Bytes as `1.2 MB` for people.
pub fn human_size(bytes: u64) -> String {
    const K: f64 = 1024.0;
    let b = bytes as f64;
    if b >= K * K * K {
        format!("{:.2} GB", b / K / K / K)
    } else if b >= K * K {
        format!("{:.1} MB", b / K / K)
    } else if b >= K {
        format!("{:.0} KB", b / K)
    } else {
        format!("{bytes} B")
    }
}

/// What a package member is, in words (the package step's list).
pub fn member_label(kind: crate::core::package::members::MemberKind) -> &'static str {
    use crate::core::package::members::MemberKind;
    let s = t();
    match kind {
        MemberKind::FormDocx => s.member_form_docx,
        MemberKind::FormHtml => s.member_form_html,
        MemberKind::Report => s.member_report,
        MemberKind::InspectionJson => s.member_inspection_json,
        MemberKind::SubmissionJson => s.member_submission_json,
        MemberKind::Scan => s.member_scan,
        MemberKind::ContactSheet => s.member_contact_sheet,
        MemberKind::Manifest => s.member_manifest,
        MemberKind::Video => s.member_video,
    }
}

/// A check's result in one word, e.g. `通过`; its CSS class is [`Severity::code`].
///
/// [`Severity::code`]: crate::core::contest::Severity::code
pub fn severity_word(severity: crate::core::contest::Severity) -> &'static str {
    use crate::core::contest::Severity;
    match severity {
        Severity::Pass => t().status_pass,
        Severity::Warn => t().status_warn,
        Severity::Fail => t().status_fail,
    }
}

/// A work's state in words, e.g. `待完善（还有 3 项）`.
pub fn work_state_label(state: crate::core::submission::WorkState) -> String {
    use crate::core::submission::WorkState;
    match state {
        WorkState::Draft => t().work_state_draft.to_string(),
        WorkState::Incomplete { blockers } => {
            fill(t().work_state_incomplete, &[("n", &blockers.to_string())])
        }
        WorkState::Ready => t().work_state_ready.to_string(),
    }
}
