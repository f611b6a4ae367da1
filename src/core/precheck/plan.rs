//! What to read for the pre-check, from the `moov`'s sample tables: a few dozen keyframes
//! (dense in the first and last 15 s, where credits and black frames sit, evenly spaced
//! elsewhere) and every audio sample (sound is small), with the decoders' configuration
//! (avcC for H.264, the AudioSpecificConfig for AAC).
//!
//! The sample tables come from mp4parse's `unstable::create_sample_table` (stsc/stco/stsz/
//! stts/ctts/stss resolved to byte ranges and times), so nothing here re-parses them by hand.

use crate::core::inspection::boxes::FourCc;
use crate::core::inspection::parse::{parse_moov_context, TrackKind};
use crate::core::inspection::{walk, ByteSource};
use mp4parse::unstable::{create_sample_table, CheckedInteger};
use mp4parse::{AudioCodecSpecific, CodecType, SampleEntry, VideoCodecSpecific};

/// Seconds at each end of the video that are sampled densely.
pub const EDGE_SECONDS: f64 = 15.0;
/// Keyframes taken from each end at most.
pub const EDGE_PICKS: usize = 10;
/// Keyframes spread over the middle.
pub const MIDDLE_PICKS: usize = 20;
/// Audio samples further apart than this in the file are read separately (bytes).
pub const AUDIO_GAP: u64 = 4 * 1024;
/// Largest single audio read (bytes).
pub const AUDIO_READ: usize = 1024 * 1024;

/// Where one sample lies in the file and when it shows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SampleRef {
    /// Byte offset in the file.
    pub offset: u64,
    /// Size in bytes.
    pub size: u32,
    /// Presentation time in seconds.
    pub time: f64,
    /// A sync sample (keyframe).
    pub key: bool,
}

/// The H.264 track to look at.
#[derive(Debug, Clone, PartialEq)]
pub struct VideoPlan {
    /// WebCodecs codec string, e.g. `avc1.640028`.
    pub codec: String,
    /// The avcC record (the decoder's `description`).
    pub description: Vec<u8>,
    /// Coded width.
    pub width: u32,
    /// Coded height.
    pub height: u32,
    /// The keyframes to decode, in time order.
    pub picks: Vec<SampleRef>,
}

/// The AAC track to listen to.
#[derive(Debug, Clone, PartialEq)]
pub struct AudioPlan {
    /// WebCodecs codec string, e.g. `mp4a.40.2`.
    pub codec: String,
    /// The AudioSpecificConfig (the decoder's `description`).
    pub description: Vec<u8>,
    /// Sample rate, Hz.
    pub sample_rate: u32,
    /// Channels.
    pub channels: u32,
    /// Every sample, in decode order.
    pub samples: Vec<SampleRef>,
}

/// What the pre-check will read and how to decode it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Plan {
    /// The video's duration in seconds.
    pub duration: f64,
    /// The picture side, when there is an H.264 track with keyframes.
    pub video: Option<VideoPlan>,
    /// The sound side, when there is an AAC track.
    pub audio: Option<AudioPlan>,
    /// Why a side is missing, in plain Chinese.
    pub limits: Vec<String>,
}

impl Plan {
    /// Bytes the plan reads from the file (samples only).
    pub fn bytes(&self) -> u64 {
        let v = self.video.iter().flat_map(|v| &v.picks);
        let a = self.audio.iter().flat_map(|a| &a.samples);
        v.chain(a).map(|s| u64::from(s.size)).sum()
    }
}

/// One read covering consecutive samples.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Run {
    /// File offset of the read.
    pub offset: u64,
    /// Bytes to read.
    pub len: usize,
    /// Index of the first sample it covers.
    pub first: usize,
    /// Number of samples it covers.
    pub count: usize,
}

/// Groups samples lying close together in the file into reads of at most `max_len` bytes,
/// so the sound costs a few hundred reads rather than ten thousand.
pub fn runs(samples: &[SampleRef], max_gap: u64, max_len: usize) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    for (i, s) in samples.iter().enumerate() {
        let end = s.offset + u64::from(s.size);
        if let Some(r) = out.last_mut() {
            let r_end = r.offset + r.len as u64;
            let joined = end.saturating_sub(r.offset);
            if s.offset >= r_end && s.offset - r_end <= max_gap && joined <= max_len as u64 {
                r.len = joined as usize;
                r.count += 1;
                continue;
            }
        }
        out.push(Run {
            offset: s.offset,
            len: s.size as usize,
            first: i,
            count: 1,
        });
    }
    out
}

/// The keyframes to decode: all of the first and last [`EDGE_SECONDS`] (at most
/// [`EDGE_PICKS`] each, evenly chosen), and [`MIDDLE_PICKS`] nearest to even steps between.
pub fn pick_keyframes(keys: &[SampleRef], duration: f64) -> Vec<SampleRef> {
    let mut sorted: Vec<SampleRef> = keys.to_vec();
    sorted.sort_by(|a, b| a.time.total_cmp(&b.time));
    let head_end = EDGE_SECONDS.min(duration / 2.0);
    let tail_start = (duration - EDGE_SECONDS).max(head_end);
    let head: Vec<SampleRef> = sorted
        .iter()
        .copied()
        .filter(|k| k.time < head_end)
        .collect();
    let tail: Vec<SampleRef> = sorted
        .iter()
        .copied()
        .filter(|k| k.time >= tail_start)
        .collect();
    let middle: Vec<SampleRef> = sorted
        .iter()
        .copied()
        .filter(|k| k.time >= head_end && k.time < tail_start)
        .collect();
    let mut picks = spread(&head, EDGE_PICKS);
    picks.extend(spread(&tail, EDGE_PICKS));
    if !middle.is_empty() {
        let span = tail_start - head_end;
        for i in 0..MIDDLE_PICKS {
            let target = head_end + span * (i as f64 + 0.5) / MIDDLE_PICKS as f64;
            if let Some(k) = middle
                .iter()
                .min_by(|a, b| (a.time - target).abs().total_cmp(&(b.time - target).abs()))
            {
                picks.push(*k);
            }
        }
    }
    picks.sort_by(|a, b| a.time.total_cmp(&b.time));
    picks.dedup_by(|a, b| a.offset == b.offset);
    picks
}

/// At most `n` of `items`, evenly chosen, first and last included.
fn spread(items: &[SampleRef], n: usize) -> Vec<SampleRef> {
    if items.len() <= n {
        return items.to_vec();
    }
    (0..n)
        .map(|i| items[i * (items.len() - 1) / (n - 1).max(1)])
        .collect()
}

/// Reads the `moov` through `src` and makes the plan. Never panics on bad input; an
/// unreadable file gives an empty plan whose `limits` say why.
pub async fn read_plan<S: ByteSource + ?Sized>(src: &S) -> Plan {
    match walk::walk(src).await {
        Ok(layout) => match &layout.moov {
            Some((_, moov)) => plan_moov(moov, src.size()),
            None => unreadable("找不到 moov"),
        },
        Err(e) => unreadable(&e.to_string()),
    }
}

fn unreadable(why: &str) -> Plan {
    Plan {
        limits: vec![format!("无法读取视频的样本表（{why}），未进行画面声音预检")],
        ..Plan::default()
    }
}

/// The plan from a whole `moov` box of a file of `file_size` bytes.
pub fn plan_moov(moov: &[u8], file_size: u64) -> Plan {
    let (movie, ctx) = parse_moov_context(moov);
    let Some(ctx) = ctx else {
        return unreadable(movie.error.as_deref().unwrap_or_default());
    };
    let mut plan = Plan::default();
    // The sample entry's code names a codec mp4parse does not know (hvc1, hev1 …).
    let video_code = movie
        .tracks
        .iter()
        .find(|t| t.kind == TrackKind::Video)
        .and_then(|t| t.desc.fourcc);
    let movie_duration = ctx
        .timescale
        .zip(ctx.tracks.iter().find_map(|t| t.duration.zip(t.timescale)))
        .map(|(_, (d, ts))| d.0 as f64 / ts.0.max(1) as f64);
    for t in ctx.tracks.iter() {
        match TrackKind::from(&t.track_type) {
            TrackKind::Video if plan.video.is_none() => {
                match video_plan(t, file_size, video_code) {
                    Ok((v, end)) => {
                        plan.duration = plan.duration.max(end);
                        plan.video = Some(v);
                    }
                    Err(why) => plan.limits.push(why),
                }
            }
            TrackKind::Audio if plan.audio.is_none() => match audio_plan(t, file_size) {
                Ok((a, end)) => {
                    plan.duration = plan.duration.max(end);
                    plan.audio = Some(a);
                }
                Err(why) => plan.limits.push(why),
            },
            _ => {}
        }
    }
    if plan.duration == 0.0 {
        plan.duration = movie_duration.unwrap_or(0.0);
    }
    let duration = plan.duration;
    if let Some(v) = &mut plan.video {
        v.picks = pick_keyframes(&v.picks, duration);
    }
    let has = |kind| {
        ctx.tracks
            .iter()
            .any(|t| TrackKind::from(&t.track_type) == kind)
    };
    if plan.video.is_none() && !has(TrackKind::Video) {
        plan.limits.push("视频中没有画面轨道".into());
    }
    if plan.audio.is_none() && !has(TrackKind::Audio) {
        plan.limits.push("视频中没有声音轨道".into());
    }
    plan
}

/// The track's samples within the file, in decode order, and the end of the last one (s).
fn samples(t: &mp4parse::Track, file_size: u64) -> Option<(Vec<SampleRef>, f64)> {
    let scale = t.timescale.map(|s| s.0).filter(|&s| s > 0)? as f64;
    let table = create_sample_table(t, CheckedInteger(0))?;
    let mut end = 0f64;
    let refs = table
        .iter()
        .filter_map(|i| {
            let (start, stop) = (i.start_offset.0, i.end_offset.0);
            let size = u32::try_from(stop.checked_sub(start)?).ok()?;
            end = end.max(i.end_composition.0 as f64 / scale);
            // A sample past the end of a cut-short file cannot be read.
            (stop <= file_size && size > 0).then_some(SampleRef {
                offset: start,
                size,
                time: i.start_composition.0 as f64 / scale,
                key: i.sync,
            })
        })
        .collect();
    Some((refs, end))
}

fn video_plan(
    t: &mp4parse::Track,
    file_size: u64,
    code: Option<FourCc>,
) -> Result<(VideoPlan, f64), String> {
    let entry = t.stsd.as_ref().and_then(|s| s.descriptions.first());
    let Some(SampleEntry::Video(v)) = entry else {
        // mp4parse gives up on sample entries it does not know (HEVC among them).
        return Err(match code {
            Some(_) => unsupported_video(&CodecType::Unknown, code),
            None => "画面轨道的样本描述无法读取，未检查画面".into(),
        });
    };
    let avcc = match (&v.codec_type, &v.codec_specific) {
        (CodecType::H264, VideoCodecSpecific::AVCConfig(avcc)) if avcc.len() >= 4 => avcc,
        (CodecType::H264, _) => return Err("H.264 的解码参数（avcC）缺失，未检查画面".into()),
        (other, _) => return Err(unsupported_video(other, code)),
    };
    let (all, end) = samples(t, file_size)
        .ok_or_else(|| "画面轨道没有样本表（分段式 MP4），未检查画面".to_string())?;
    let keys: Vec<SampleRef> = all.into_iter().filter(|s| s.key).collect();
    if keys.is_empty() {
        return Err("画面轨道中找不到关键帧，未检查画面".into());
    }
    Ok((
        VideoPlan {
            codec: format!("avc1.{:02x}{:02x}{:02x}", avcc[1], avcc[2], avcc[3]),
            description: avcc.to_vec(),
            width: u32::from(v.width),
            height: u32::from(v.height),
            picks: keys,
        },
        end,
    ))
}

fn audio_plan(t: &mp4parse::Track, file_size: u64) -> Result<(AudioPlan, f64), String> {
    let entry = t.stsd.as_ref().and_then(|s| s.descriptions.first());
    let Some(SampleEntry::Audio(a)) = entry else {
        return Err("声音轨道的样本描述无法读取，未检查声音".into());
    };
    let es = match &a.codec_specific {
        AudioCodecSpecific::ES_Descriptor(es) if a.codec_type == CodecType::AAC => es,
        _ => {
            return Err(format!(
                "声音编码为 {}，本工具只能在浏览器中检查 AAC 声音，未检查声音，请自行确认",
                codec_name(&a.codec_type)
            ))
        }
    };
    let (all, end) = samples(t, file_size)
        .ok_or_else(|| "声音轨道没有样本表（分段式 MP4），未检查声音".to_string())?;
    if all.is_empty() {
        return Err("声音轨道是空的".into());
    }
    let object_type = es.audio_object_type.unwrap_or(2);
    Ok((
        AudioPlan {
            codec: format!("mp4a.40.{object_type}"),
            description: es.decoder_specific_data.to_vec(),
            sample_rate: es.audio_sample_rate.unwrap_or(a.samplerate as u32).max(1),
            channels: es
                .audio_channel_count
                .map_or(a.channelcount, u32::from)
                .max(1),
            samples: all,
        },
        end,
    ))
}

fn unsupported_video(c: &CodecType, code: Option<FourCc>) -> String {
    format!(
        "画面编码为 {}，本工具只能在浏览器中查看 H.264 画面，未检查画面，请自行确认",
        video_codec_name(c, code)
    )
}

fn video_codec_name(c: &CodecType, code: Option<FourCc>) -> String {
    match (c, code.as_ref().map(|c| &c.0[..])) {
        (_, Some(b"hvc1" | b"hev1")) => "H.265/HEVC".into(),
        (CodecType::Unknown, Some(code)) => String::from_utf8_lossy(code).into_owned(),
        _ => codec_name(c),
    }
}

fn codec_name(c: &CodecType) -> String {
    match c {
        CodecType::Unknown => "未知格式".into(),
        other => format!("{other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(time: f64) -> SampleRef {
        SampleRef {
            offset: (time * 1000.0) as u64,
            size: 10,
            time,
            key: true,
        }
    }

    #[test]
    fn keyframes_are_dense_at_the_ends_and_spread_between() {
        // A keyframe every 2 s over 240 s.
        let keys: Vec<SampleRef> = (0..120).map(|i| key(f64::from(i) * 2.0)).collect();
        let picks = pick_keyframes(&keys, 240.0);
        let head = picks.iter().filter(|k| k.time < 15.0).count();
        let tail = picks.iter().filter(|k| k.time >= 225.0).count();
        assert_eq!(head, 8, "every keyframe of the first 15 s");
        assert_eq!(tail, 7, "226 … 238 s");
        assert!(picks.len() >= 34 && picks.len() <= 40, "{}", picks.len());
        assert!(picks.windows(2).all(|w| w[0].time < w[1].time));
        // The middle picks cover it: no gap much over 1/20 of the middle.
        let gaps = picks.windows(2).map(|w| w[1].time - w[0].time);
        assert!(gaps.fold(0f64, f64::max) <= 12.0);
    }

    #[test]
    fn a_short_video_with_few_keyframes_takes_them_all_once() {
        let keys = [key(0.0), key(5.0), key(9.0)];
        let picks = pick_keyframes(&keys, 10.0);
        assert_eq!(picks.len(), 3);
        assert!(pick_keyframes(&[], 10.0).is_empty());
        assert!(pick_keyframes(&keys, 0.0).len() <= 3);
    }

    #[test]
    fn nearby_samples_are_read_together_and_far_ones_apart() {
        let s = |offset, size| SampleRef {
            offset,
            size,
            time: 0.0,
            key: true,
        };
        let samples = [
            s(100, 10),
            s(110, 10),
            s(125, 5),
            s(10_000, 10),
            s(10_010, 10),
        ];
        let r = runs(&samples, 8, 1000);
        assert_eq!(r.len(), 2);
        assert_eq!(
            (r[0].offset, r[0].len, r[0].first, r[0].count),
            (100, 30, 0, 3)
        );
        assert_eq!(
            (r[1].offset, r[1].len, r[1].first, r[1].count),
            (10_000, 20, 3, 2)
        );
        // The size cap splits a long run.
        assert_eq!(runs(&samples, 8, 20).len(), 3);
        assert!(runs(&[], 8, 20).is_empty());
    }

    #[test]
    fn garbage_gives_an_empty_plan_that_says_why() {
        let p = plan_moov(b"\0\0\0\x10moovgarbagegar", 100);
        assert!(p.video.is_none() && p.audio.is_none());
        assert!(!p.limits.is_empty());
        let p = pollster::block_on(read_plan(&crate::core::inspection::SliceSource(vec![
            7u8;
            64
        ])));
        assert!(p.limits[0].contains("无法读取"), "{:?}", p.limits);
    }
}
