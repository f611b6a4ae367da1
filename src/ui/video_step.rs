//! Step 4 视频检查: pick or drop the file, read only its metadata, judge it against the
//! contest's rules, preview it, fingerprint it in a Web Worker, and tick the self-checks.

use super::app::use_contest;
use super::fields::ConfirmList;
use super::state::use_state;
use crate::core::contest::{Severity, VideoRules};
use crate::core::inspection::verdict::fmt_duration;
use crate::core::inspection::{inspect, Facts, Fingerprint, FILE_RULE};
use crate::core::submission::VideoSummary;
use crate::i18n::{human_size, t};
use crate::web::blob_source::BlobSource;
use crate::web::fingerprint::{self, HashEvent, HashJob};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::rc::Rc;
use wasm_bindgen::JsCast;

/// Live state of the fingerprint pass.
#[derive(Debug, Clone, PartialEq)]
enum Hashing {
    Idle,
    Running {
        done: u64,
        total: u64,
        started_ms: f64,
        now_ms: f64,
    },
    Cancelled,
    Failed(String),
}

/// The video page.
#[component]
pub fn VideoStep() -> impl IntoView {
    let contest = use_contest();
    let state = use_state();
    let file = RwSignal::new_local(None::<web_sys::File>);
    let preview_url = RwSignal::new(None::<String>);
    let preview_error = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let hashing = RwSignal::new(Hashing::Idle);
    let job = StoredValue::new_local(None::<Rc<HashJob>>);
    let dragging = RwSignal::new(false);
    let summary = Memo::new(move |_| {
        state
            .ws
            .with(|w| w.selected_work().and_then(|wk| wk.video.clone()))
    });

    let rules = StoredValue::new(contest.video.clone());
    let choose = move |f: web_sys::File| {
        if let Some(j) = job.get_value() {
            j.cancel();
        }
        if let Some(old) = preview_url.get_untracked() {
            let _ = web_sys::Url::revoke_object_url(&old);
        }
        preview_error.set(false);
        preview_url.set(web_sys::Url::create_object_url_with_blob(&f).ok());
        file.set(Some(f.clone()));
        busy.set(true);
        hashing.set(Hashing::Idle);
        spawn_local(async move {
            let source = BlobSource::new(f.clone().into());
            let report = inspect(&source, &rules.get_value()).await;
            let s = VideoSummary::from_inspection(
                &f.name(),
                f.size() as u64,
                report,
                crate::web::now_ms(),
            );
            state.update_work(|w| w.video = Some(s));
            busy.set(false);
            start_hash(f, hashing, job, state);
        });
    };
    let on_pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = ev.target().unwrap().unchecked_into();
        if let Some(f) = input.files().and_then(|l| l.get(0)) {
            choose(f);
        }
        input.set_value("");
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(f) = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|l| l.get(0))
        {
            choose(f);
        }
    };
    let cancel = move |_| {
        if let Some(j) = job.get_value() {
            j.cancel();
        }
        job.set_value(None);
        hashing.set(Hashing::Cancelled);
    };
    let restart = move |_| {
        if let Some(f) = file.get_untracked() {
            start_hash(f, hashing, job, state);
        }
    };

    let self_checks = view! {
        <ConfirmList items=contest.self_checks.clone() prefix="self"
            read=|ws| ws.selected_work().map(|w| &w.self_checks)
            write=|ws| ws.selected.clone().and_then(|id| ws.work_mut(&id)).map(|w| &mut w.self_checks)/>
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
            {move || busy.get().then(|| view! { <p class="busy">{t().video_reading}</p> })}
        </div>
        {move || summary.get().map(|s| view! { <InspectionReport summary=s/> })}
        {move || summary.get().filter(|_| file.with(|f| f.is_none())).map(|_| view! {
            <p class="field-hint">{t().video_repick_note}</p>
        })}
        <HashProgress hashing=hashing cancel=Callback::new(cancel) restart=Callback::new(restart)/>
        {move || preview_url.get().map(|url| view! {
            <figure class="preview">
                <video controls preload="metadata" src=url on:error=move |_| preview_error.set(true)></video>
                <figcaption>{move || if preview_error.get() { t().video_cannot_play } else { t().video_preview_caption }}</figcaption>
            </figure>
        })}
        <fieldset class="group">
            <legend>{t().self_check_legend}</legend>
            <p class="field-hint">{t().self_check_hint}</p>
            {self_checks}
        </fieldset>
    }
}

/// Starts the worker and mirrors its events into `hashing` and the work's summary.
fn start_hash(
    f: web_sys::File,
    hashing: RwSignal<Hashing>,
    job: StoredValue<Option<Rc<HashJob>>, LocalStorage>,
    state: super::state::AppState,
) {
    let started = js_sys::Date::now();
    let total = f.size() as u64;
    hashing.set(Hashing::Running {
        done: 0,
        total,
        started_ms: started,
        now_ms: started,
    });
    let name = f.name();
    let started_job = fingerprint::start(&f, move |ev| match ev {
        HashEvent::Progress { done, total } => hashing.set(Hashing::Running {
            done,
            total,
            started_ms: started,
            now_ms: js_sys::Date::now(),
        }),
        HashEvent::Done(fp) => {
            hashing.set(Hashing::Idle);
            state.update_work(|w| {
                if let Some(v) = w
                    .video
                    .as_mut()
                    .filter(|v| v.file_name == name && v.size == fp.size)
                {
                    v.sha256 = Some(fp.sha256.clone());
                    if let Some(r) = v.report.as_mut() {
                        r.fingerprint = Some(Fingerprint { ..fp });
                    }
                }
            });
        }
        HashEvent::Failed(m) => hashing.set(Hashing::Failed(m)),
    });
    match started_job {
        Ok(j) => job.set_value(Some(Rc::new(j))),
        Err(m) => hashing.set(Hashing::Failed(m)),
    }
}

/// Progress bar, speed, time left and cancel for the fingerprint.
#[component]
fn HashProgress(
    hashing: RwSignal<Hashing>,
    cancel: Callback<()>,
    restart: Callback<()>,
) -> impl IntoView {
    move || {
        match hashing.get() {
        Hashing::Idle => ().into_any(),
        Hashing::Running { done, total, started_ms, now_ms } => {
            let pct = if total == 0 { 100.0 } else { done as f64 * 100.0 / total as f64 };
            let secs = ((now_ms - started_ms) / 1000.0).max(0.001);
            let speed = done as f64 / secs;
            let left = if speed > 0.0 { (total - done) as f64 / speed } else { 0.0 };
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
        Hashing::Cancelled => view! {
            <p class="hash-progress">{t().hash_cancelled} " "
                <button type="button" class="secondary small" on:click=move |_| restart.run(())>{t().hash_restart}</button></p>
        }.into_any(),
        Hashing::Failed(m) => view! { <p class="field-error" role="alert">{t().hash_failed} {m}</p> }.into_any(),
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
            let (cls, word) = status_word(c.status);
            view! {
                <tr class=cls>
                    <td class="rule"><span class="rule-title">{rule_title(&rules, &c.rule)}</span><span class="rule-id">{c.rule.clone()}</span></td>
                    <td class="status"><span class="badge">{word}</span></td>
                    <td><bdi>{c.message.clone()}</bdi>
                        {c.fix.clone().map(|f| view! { <p class="fix"><strong>{t().fix_label}</strong><bdi>{f}</bdi></p> })}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="inspection" aria-labelledby="verdict-heading">
            <div class=class role="status">
                <h3 id="verdict-heading">{headline}</h3>
                <p class="file-line"><bdi>{summary.file_name.clone()}</bdi> {format!("（{}）", human_size(summary.size))}</p>
            </div>
            <table class="checks">
                <caption>{t().checks_caption}</caption>
                <thead><tr><th scope="col">{t().col_rule}</th><th scope="col">{t().col_status}</th><th scope="col">{t().col_explain}</th></tr></thead>
                <tbody>{checks}</tbody>
            </table>
            {report.facts.as_ref().map(facts_table)}
            <p class="field-hint bytes-read">{format!("{}{}", t().bytes_read_note, human_size(report.bytes_read))}</p>
            {summary.sha256.clone().map(|h| view! { <p class="sha256"><strong>"SHA-256："</strong><code>{h}</code></p> })}
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

fn status_word(s: Severity) -> (&'static str, &'static str) {
    match s {
        Severity::Pass => ("pass", t().status_pass),
        Severity::Warn => ("warn", t().status_warn),
        Severity::Fail => ("fail", t().status_fail),
    }
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
                    .map(|b| format!("（{}）", b.trim()))
                    .unwrap_or_default()
            ),
        ),
        (
            t().fact_duration,
            f.duration_seconds
                .map(|d| format!("{} （{d:.2} 秒）", fmt_duration(d)))
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
            rows.push((t().fact_fps, format!("{fps:.3} fps（{mode}）")));
        }
    }
    if f.audio.is_empty() {
        rows.push((t().fact_audio, t().fact_no_audio.to_string()));
    }
    for a in &f.audio {
        rows.push((
            t().fact_audio,
            format!(
                "{} · {} 声道 · {} Hz{}",
                a.format,
                a.channels,
                a.sampling_rate,
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
