//! The library's module graph, read from the source: no circle between modules, and the
//! layers point one way (the core knows nothing of i18n, the browser glue or the UI; i18n
//! knows only the core; the glue never reaches up into the UI).
//!
//! A module is a file (`src/ui/videos.rs` is `ui::videos`). An edge is any path through
//! `crate::` or `super::` (in `use` or inline) that names an item of another module. A
//! module and its ancestors are one branch of the tree, not two parties, so a child using
//! its parent's items (or a parent re-exporting a child's) is not an edge.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every `.rs` file of the library, by module path (`["ui", "videos"]`).
fn modules() -> BTreeMap<Vec<String>, String> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    let mut map = BTreeMap::new();
    for file in files {
        let rel = file.strip_prefix(&src).unwrap();
        let mut parts: Vec<String> = rel
            .iter()
            .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
            .collect();
        // The binaries are crates of their own that use the library from outside.
        if parts[0] == "bin" || parts == ["main"] {
            continue;
        }
        if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
            parts.pop();
        }
        map.insert(parts, std::fs::read_to_string(&file).unwrap());
    }
    map
}

/// The text with comments and string literals blanked, so prose and messages name no path.
fn code_only(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for n in chars.by_ref() {
                    if n == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '"' => {
                let mut escaped = false;
                for n in chars.by_ref() {
                    if n == '"' && !escaped {
                        break;
                    }
                    escaped = n == '\\' && !escaped;
                }
                out.push_str("\"\"");
            }
            _ => out.push(c),
        }
    }
    out
}

/// The paths a `use` tree names, e.g. `super::{a::X, b}` gives `super::a::X`, `super::b`.
fn expand_use(tree: &str, prefix: &str, out: &mut Vec<String>) {
    let tree = tree.trim();
    if let Some(open) = tree.find('{') {
        let head = tree[..open].trim().trim_end_matches("::");
        let inner = &tree[open + 1..tree.rfind('}').unwrap()];
        let base = join(prefix, head);
        let mut depth = 0;
        let mut start = 0;
        for (i, c) in inner.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    expand_use(&inner[start..i], &base, out);
                    start = i + 1;
                }
                _ => {}
            }
        }
        expand_use(&inner[start..], &base, out);
    } else if !tree.is_empty() {
        let path = tree.split(" as ").next().unwrap().trim();
        out.push(join(prefix, path.trim_end_matches("::self")));
    }
}

fn join(a: &str, b: &str) -> String {
    match (a.is_empty(), b.is_empty() || b == "self") {
        (_, true) => a.to_string(),
        (true, false) => b.to_string(),
        (false, false) => format!("{a}::{b}"),
    }
}

/// Every `crate::…` / `super::…` path of a module's code, absolute (without `crate`).
fn paths_of(module: &[String], text: &str) -> Vec<Vec<String>> {
    let code = code_only(text);
    let mut raw = Vec::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find("use ") {
        let before = rest[..at].chars().last();
        let after = &rest[at + 4..];
        if before.is_none_or(|c| !c.is_alphanumeric() && c != '_') {
            if let Some(end) = after.find(';') {
                expand_use(&after[..end], "", &mut raw);
            }
        }
        rest = after;
    }
    for (i, _) in code
        .match_indices("crate::")
        .chain(code.match_indices("super::"))
    {
        let path: String = code[i..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
            .collect();
        raw.push(path.trim_end_matches(':').to_string());
    }
    raw.into_iter()
        .filter_map(|p| {
            let mut segs = p.split("::").map(str::to_string);
            let mut here: Vec<String> = match segs.next()?.as_str() {
                "crate" => Vec::new(),
                "super" => module[..module.len().checked_sub(1)?].to_vec(),
                "self" => module.to_vec(),
                _ => return None,
            };
            for s in segs {
                if s == "super" {
                    here.pop();
                } else {
                    here.push(s);
                }
            }
            Some(here)
        })
        .collect()
}

/// The module graph: module → the other modules it names (ancestors and descendants aside).
fn graph() -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let mods = modules();
    let related = |a: &[String], b: &[String]| a.starts_with(b) || b.starts_with(a);
    mods.iter()
        .map(|(m, text)| {
            let targets = paths_of(m, text)
                .into_iter()
                .filter_map(|p| {
                    // The longest prefix that is a module of its own.
                    (0..=p.len())
                        .rev()
                        .map(|n| p[..n].to_vec())
                        .find(|prefix| mods.contains_key(prefix))
                })
                .filter(|t| !related(m, t))
                .collect();
            (m.clone(), targets)
        })
        .collect()
}

fn name(m: &[String]) -> String {
    m.join("::")
}

#[test]
fn the_module_graph_has_no_circle() {
    let g = graph();
    // Tarjan's strongly connected components: any with two or more modules is a circle.
    struct Walk<'a> {
        g: &'a BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        index: BTreeMap<&'a [String], usize>,
        low: BTreeMap<&'a [String], usize>,
        stack: Vec<&'a [String]>,
        on_stack: BTreeSet<&'a [String]>,
        circles: Vec<Vec<String>>,
    }
    impl<'a> Walk<'a> {
        fn visit(&mut self, v: &'a [String]) {
            let i = self.index.len();
            self.index.insert(v, i);
            self.low.insert(v, i);
            self.stack.push(v);
            self.on_stack.insert(v);
            for w in self.g.get(v).into_iter().flatten() {
                let w = w.as_slice();
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let lw = self.low[w];
                    let lv = self.low.get_mut(v).unwrap();
                    *lv = (*lv).min(lw);
                } else if self.on_stack.contains(w) {
                    let iw = self.index[w];
                    let lv = self.low.get_mut(v).unwrap();
                    *lv = (*lv).min(iw);
                }
            }
            if self.low[v] == self.index[v] {
                let mut component = Vec::new();
                while let Some(w) = self.stack.pop() {
                    self.on_stack.remove(w);
                    component.push(name(w));
                    if w == v {
                        break;
                    }
                }
                if component.len() > 1 {
                    component.sort();
                    self.circles.push(component);
                }
            }
        }
    }
    let mut walk = Walk {
        g: &g,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        circles: Vec::new(),
    };
    for v in g.keys() {
        if !walk.index.contains_key(v.as_slice()) {
            walk.visit(v);
        }
    }
    assert!(
        walk.circles.is_empty(),
        "modules that depend on each other in a circle: {:#?}",
        walk.circles
    );
}

#[test]
fn the_layers_point_one_way() {
    // Which top-level modules each layer may name.
    let allowed: &[(&str, &[&str])] = &[
        ("core", &["core"]),
        ("i18n", &["core", "i18n"]),
        ("web", &["core", "i18n", "web"]),
    ];
    let mut wrong = Vec::new();
    for (m, targets) in graph() {
        let Some((_, may)) = allowed
            .iter()
            .find(|(layer, _)| m.first().is_some_and(|f| f == layer))
        else {
            continue;
        };
        for t in targets {
            if !t.is_empty() && !may.contains(&t[0].as_str()) {
                wrong.push(format!("{} -> {}", name(&m), name(&t)));
            }
        }
    }
    assert!(wrong.is_empty(), "paths against the layers: {wrong:#?}");
}

#[test]
fn the_graph_sees_known_edges() {
    // The reader itself: an edge known to exist is found, so an empty result means something.
    let g = graph();
    let key = |s: &str| s.split("::").map(str::to_string).collect::<Vec<_>>();
    assert!(g[&key("ui::state")].contains(&key("ui::videos")));
    assert!(g[&key("web::video_job")].contains(&key("web::video_protocol")));
    assert!(g[&key("core::package::build")].contains(&key("core::package::zip_write")));
}
