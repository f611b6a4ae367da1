//! 缩略图 (contact sheet): which decoded pictures it shows, where each tile goes and the
//! timecode under it. The browser draws it (canvas) and encodes it as JPEG; the choice and
//! layout live here so they are tested natively and the same everywhere.

/// Tiles per row.
pub const COLUMNS: u32 = 4;
/// Most tiles on a sheet.
pub const MAX_TILES: usize = 16;
/// Tile width in pixels (16:9).
pub const TILE_WIDTH: u32 = 320;
/// Tile height in pixels.
pub const TILE_HEIGHT: u32 = 180;
/// Height of the timecode strip under each tile.
pub const LABEL_HEIGHT: u32 = 24;

/// Indices (into `times`, sorted ascending) of at most [`MAX_TILES`] pictures nearest to
/// even steps over `duration`, each used once, in time order.
pub fn pick_tiles(times: &[f64], duration: f64) -> Vec<usize> {
    if times.is_empty() {
        return Vec::new();
    }
    let n = MAX_TILES.min(times.len());
    let span = if duration > 0.0 {
        duration
    } else {
        times.iter().copied().fold(0.0, f64::max)
    };
    let mut picks: Vec<usize> = (0..n)
        .filter_map(|i| {
            let target = span * (i as f64 + 0.5) / n as f64;
            (0..times.len()).min_by(|&a, &b| {
                (times[a] - target)
                    .abs()
                    .total_cmp(&(times[b] - target).abs())
            })
        })
        .collect();
    picks.sort_unstable();
    picks.dedup();
    picks
}

/// Sheet size in pixels for `tiles` tiles.
pub fn sheet_size(tiles: usize) -> (u32, u32) {
    let rows = (tiles as u32).div_ceil(COLUMNS).max(1);
    let cols = (tiles as u32).clamp(1, COLUMNS);
    (cols * TILE_WIDTH, rows * (TILE_HEIGHT + LABEL_HEIGHT))
}

/// Top-left corner of tile `i`.
pub fn tile_origin(i: usize) -> (u32, u32) {
    let i = i as u32;
    (
        (i % COLUMNS) * TILE_WIDTH,
        (i / COLUMNS) * (TILE_HEIGHT + LABEL_HEIGHT),
    )
}

/// `mm:ss` (or `h:mm:ss` from an hour on), rounded down to the second.
pub fn timecode(seconds: f64) -> String {
    let s = if seconds.is_finite() && seconds > 0.0 {
        seconds as u64
    } else {
        0
    };
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{:02}:{:02}", s / 60, s % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sixteen_tiles_spread_over_forty_frames() {
        let times: Vec<f64> = (0..40).map(|i| f64::from(i) * 6.0).collect();
        let t = pick_tiles(&times, 240.0);
        assert_eq!(t.len(), 16);
        assert!(t.windows(2).all(|w| w[0] < w[1]));
        assert!(times[t[0]] < 15.0 && times[t[15]] > 225.0);
    }

    #[test]
    fn few_frames_each_once() {
        assert_eq!(pick_tiles(&[0.0, 1.0, 2.0], 3.0), vec![0, 1, 2]);
        assert!(pick_tiles(&[], 3.0).is_empty());
        assert_eq!(pick_tiles(&[5.0], 0.0), vec![0]);
    }

    #[test]
    fn layout_and_timecodes() {
        assert_eq!(sheet_size(16), (1280, 4 * 204));
        assert_eq!(sheet_size(3), (960, 204));
        assert_eq!(sheet_size(0), (320, 204));
        assert_eq!(tile_origin(5), (320, 204));
        assert_eq!(timecode(83.9), "01:23");
        assert_eq!(timecode(3725.0), "1:02:05");
        assert_eq!(timecode(f64::NAN), "00:00");
        assert_eq!(timecode(-3.0), "00:00");
    }
}
