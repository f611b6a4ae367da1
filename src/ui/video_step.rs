//! Step 4 视频检查: pick or drop the file, read only its metadata, judge it against the
//! contest's rules, preview it, fingerprint it in a Web Worker, and tick the self-checks.

use super::contest::use_contest;
use super::fields::ConfirmList;
use super::jobs::JobState;
use super::precheck_view::{hints_for, PrecheckPanel};
use super::state::use_state;
use super::videos::Progress;
use crate::core::contest::{Severity, VideoRules};
use crate::core::inspection::verdict::fmt_duration;
use crate::core::inspection::{Facts, FILE_RULE};
use crate::core::submission::{TickList, VideoSummary};
use crate::i18n::{fill, human_size, severity_word, t};
use crate::web::files::{dropped_file, picked_file};
use leptos::prelude::*;

/// The video page of the selected work. Inspection and hashing belong to the app
/// (`ui::videos`), so leaving this page or switching works never stops or misfiles them.
#[component]
pub fn VideoStep() -> impl IntoView {
    let contest = use_contest();
    let state = use_state();
    let dragging = RwSignal::new(false);
    let summary = Memo::new(move |_| {
        state
            .ws
            .with(|w| w.selected_work().and_then(|wk| wk.video.clone()))
    });
    let work_id = Memo::new(move |_| state.work_id().unwrap_or_default());
    let picked = move || state.videos.picked(&work_id.get());
    let progress = Signal::derive(move || state.videos.progress(&work_id.get()));

    let rules = StoredValue::new(contest.video.clone());
    let choose = move |f: web_sys::File| {
        if let Some(id) = state.work_id() {
            state.videos.choose(id, f, &rules.get_value());
        }
    };
    let on_pick = move |ev: leptos::ev::Event| {
        if let Some(f) = picked_file(&ev) {
            choose(f);
        }
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        dragging.set(false);
        if let Some(f) = dropped_file(&ev) {
            choose(f);
        }
    };
    let cancel = move |_| state.videos.cancel(&work_id.get_untracked());
    let restart = move |_| state.videos.hash(&work_id.get_untracked());

    let self_checks = view! {
        <ConfirmList items=contest.self_checks.clone() prefix="self" list=TickList::SelfChecks hints=hints_for/>
    };

    view! {
        <div class="drop-zone" class:dragging=move || dragging.get()
            on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); dragging.set(true); }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop>
            <label for="video-file" class="drop-label">{t().video_pick_label}</label>
            <input id="video-file" type="file" accept="video/mp4,video/*,.mp4,.mov,.m4v" on:change=on_pick aria-describedby="video-privacy"/>
            <p id="video-privacy" class="field-hint">{t().video_privacy}</p>
        </div>
        <div aria-live="polite" class="inspection-live">
            {move || (progress.get() == Some(JobState::Running(Progress::Inspecting))).then(|| view! { <p class="busy">{t().video_reading}</p> })}
        </div>
        {move || summary.get().map(|s| view! { <InspectionReport summary=s/> })}
        {move || summary.get().filter(|_| picked().is_none()).map(|_| view! {
            <p class="field-hint">{t().video_repick_note}</p>
        })}
        <HashProgress progress=progress cancel=Callback::new(cancel) restart=Callback::new(restart)/>
        // Keyed by the choice, so a new file gets a new object URL and the old one is revoked.
        {move || picked().map(|p| view! { <VideoPreview file=p.file/> })}
        <PrecheckPanel/>
        <fieldset class="group">
            <legend>{t().self_check_legend}</legend>
            <p class="field-hint">{t().self_check_hint}</p>
            {self_checks}
        </fieldset>
    }
}

/// The local preview; its object URL lives exactly as long as the preview is shown.
#[component]
fn VideoPreview(file: web_sys::File) -> impl IntoView {
    let error = RwSignal::new(false);
    let url = web_sys::Url::create_object_url_with_blob(&file).ok();
    let to_revoke = url.clone();
    on_cleanup(move || {
        if let Some(u) = to_revoke {
            let _ = web_sys::Url::revoke_object_url(&u);
        }
    });
    url.map(|url| {
        view! {
            <figure class="preview">
                <video controls preload="metadata" src=url on:error=move |_| error.set(true)></video>
                <figcaption>{move || if error.get() { t().video_cannot_play } else { t().video_preview_caption }}</figcaption>
            </figure>
        }
    })
}

/// Progress bar, speed, time left and cancel for the fingerprint.
#[component]
fn HashProgress(
    progress: Signal<Option<JobState<Progress>>>,
    cancel: Callback<()>,
    restart: Callback<()>,
) -> impl IntoView {
    move || {
        match progress.get() {
        None | Some(JobState::Queued | JobState::Running(Progress::Inspecting)) => ().into_any(),
        Some(JobState::Running(p @ Progress::Hashing { done, total, started_ms, now_ms })) => {
            let pct = p.percent().unwrap_or(0.0);
            let secs = ((now_ms - started_ms) / 1000.0).max(0.001);
            let speed = done as f64 / secs;
            let left = if speed > 0.0 { total.saturating_sub(done) as f64 / speed } else { 0.0 };
            view! {
                <div class="hash-progress" role="group" aria-labelledby="hash-label">
                    <label id="hash-label" for="hash-bar">{t().hash_label}</label>
                    <progress id="hash-bar" max="100" value=format!("{pct:.1}")>{format!("{pct:.0}%")}</progress>
                    <p class="hash-numbers">
                        {format!("{pct:.0}% · {} / {}", human_size(done), human_size(total))}
                        {(done > 0).then(|| format!(" · {}/s · {}{}", human_size(speed as u64), t().time_left, fmt_duration(left.round())))}
                    </p>
                    <button type="button" class="secondary small" on:click=move |_| cancel.run(())>{t().hash_cancel}</button>
                </div>
            }.into_any()
        }
        Some(JobState::Cancelled) => view! {
            <p class="hash-progress">{t().hash_cancelled} " "
                <button type="button" class="secondary small" on:click=move |_| restart.run(())>{t().hash_restart}</button></p>
        }.into_any(),
        Some(JobState::Failed(m)) => view! { <p class="field-error" role="alert">{t().hash_failed} {m}</p> }.into_any(),
    }
    }
}

/// Verdict, checks and facts of the inspected file.
#[component]
fn InspectionReport(summary: VideoSummary) -> impl IntoView {
    let rules = use_contest().video.clone();
    let Some(report) = summary.report.clone() else {
        return view! { <p>{t().video_no_report}</p> }.into_any();
    };
    let (class, headline) = match report.verdict {
        Severity::Pass => ("verdict pass", t().verdict_pass),
        Severity::Warn => ("verdict warn", t().verdict_warn),
        Severity::Fail => ("verdict fail", t().verdict_fail),
    };
    let checks = report
        .checks
        .iter()
        .map(|c| {
            let (cls, word) = (c.status.code(), severity_word(c.status));
            view! {
                <tr class=cls>
                    <td class="rule"><span class="rule-title">{rule_title(&rules, &c.rule)}</span></td>
                    <td class="status"><span class="badge">{word}</span></td>
                    <td><bdi>{c.message.clone()}</bdi>
                        {c.fix.clone().map(|f| view! { <p class="fix"><strong>{t().fix_label}</strong><bdi>{f}</bdi></p> })}</td>
                </tr>
            }
        })
        .collect_view();
    let codes = report
        .checks
        .iter()
        .map(|c| format!("{} {}", rule_title(&rules, &c.rule), c.rule))
        .collect::<Vec<_>>()
        .join(t().list_separator);
    view! {
        <section class="inspection" aria-labelledby="verdict-heading">
            <div class=class role="status">
                <h3 id="verdict-heading">{headline}</h3>
                <p class="file-line"><bdi>{summary.file_name.clone()}</bdi> {fill(t().bracketed, &[("x", &human_size(summary.size))])}</p>
            </div>
            <table class="checks">
                <caption>{t().checks_caption}</caption>
                <thead><tr><th scope="col">{t().col_rule}</th><th scope="col">{t().col_status}</th><th scope="col">{t().col_explain}</th></tr></thead>
                <tbody>{checks}</tbody>
            </table>
            {summary.sha256.is_some().then(|| view! { <p class="hash-done">{t().hash_done}</p> })}
            // Plain words above; what an expert or the office looks up, on request (issue 22.4).
            <details class="more-details">
                <summary>{t().details_summary}</summary>
                <p class="field-hint rule-codes">{t().rule_codes}{codes}</p>
                {report.facts.as_ref().map(facts_table)}
                <p class="field-hint bytes-read">{format!("{}{}", t().bytes_read_note, human_size(report.bytes_read))}</p>
                {summary.sha256.clone().map(|h| view! { <p class="sha256"><strong>{t().sha256_label}</strong><code>{h}</code></p> })}
            </details>
        </section>
    }
    .into_any()
}

/// The plain name of a check, found by the rule's slot in the definition.
fn rule_title(rules: &VideoRules, rule: &str) -> &'static str {
    let s = t();
    [
        (&rules.container.rule, s.rule_container),
        (&rules.duration.rule, s.rule_duration),
        (&rules.resolution.rule, s.rule_resolution),
        (&rules.aspect.rule, s.rule_aspect),
        (&rules.audio.rule, s.rule_audio),
    ]
    .into_iter()
    .find(|(id, _)| id.as_str() == rule)
    .map_or(
        if rule == FILE_RULE { s.rule_file } else { "" },
        |(_, title)| title,
    )
}

fn facts_table(f: &Facts) -> AnyView {
    let mut rows: Vec<(&'static str, String)> = vec![
        (
            t().fact_container,
            format!(
                "{}{}",
                f.format,
                f.major_brand
                    .as_ref()
                    .map(|b| fill(t().bracketed, &[("x", b.trim())]))
                    .unwrap_or_default()
            ),
        ),
        (
            t().fact_duration,
            f.duration_seconds
                .map(|d| {
                    let secs = fill(t().duration_seconds, &[("s", &format!("{d:.2}"))]);
                    format!("{} {secs}", fmt_duration(d))
                })
                .unwrap_or_else(|| "—".into()),
        ),
        (t().fact_size, human_size(f.file_size)),
        (
            t().fact_bitrate,
            f.overall_bit_rate.map(kbps).unwrap_or_else(|| "—".into()),
        ),
    ];
    for v in &f.video {
        rows.push((t().fact_video, format!("{} ({})", v.codec, v.codec_id)));
        rows.push((t().fact_coded, format!("{}×{}", v.width, v.height)));
        rows.push((
            t().fact_display,
            format!(
                "{}×{} · {}{}",
                v.display_width,
                v.display_height,
                v.display_aspect_ratio,
                if v.rotation != 0 {
                    format!(" · {}{}°", t().fact_rotation, v.rotation)
                } else {
                    String::new()
                }
            ),
        ));
        if let Some(fps) = v.frame_rate {
            let mode = match v.frame_rate_mode {
                Some(crate::core::inspection::FrameRateMode::Variable) => t().vfr,
                _ => t().cfr,
            };
            rows.push((
                t().fact_fps,
                fill(
                    t().fps_line,
                    &[("fps", &format!("{fps:.3}")), ("mode", mode)],
                ),
            ));
        }
    }
    if f.audio.is_empty() {
        rows.push((t().fact_audio, t().fact_no_audio.to_string()));
    }
    for a in &f.audio {
        rows.push((
            t().fact_audio,
            format!(
                "{}{}",
                fill(
                    t().audio_line,
                    &[
                        ("format", &a.format),
                        ("channels", &a.channels.to_string()),
                        ("rate", &a.sampling_rate.to_string()),
                    ],
                ),
                a.bit_rate
                    .map(|b| format!(" · {}", kbps(b)))
                    .unwrap_or_default()
            ),
        ));
    }
    rows.push((
        t().fact_layout,
        format!(
            "{}{}",
            if f.faststart {
                t().faststart_yes
            } else {
                t().faststart_no
            },
            if f.fragmented { t().fragmented } else { "" }
        ),
    ));
    view! {
        <table class="facts">
            <caption>{t().facts_caption}</caption>
            <tbody>{rows.into_iter().map(|(k, v)| view! { <tr><th scope="row">{k}</th><td>{v}</td></tr> }).collect_view()}</tbody>
        </table>
    }
    .into_any()
}

fn kbps(b: u64) -> String {
    if b >= 1_000_000 {
        format!("{:.2} Mb/s", b as f64 / 1e6)
    } else {
        format!("{} kb/s", b / 1000)
    }
}
