//! Which documents a run checks: the paths on the command line, and the `.xml` and `.json`
//! files under the directories among them, walked as ripgrep walks.
//!
//! - Only regular files are taken from a walk; a FIFO, socket or device met there is
//!   skipped with a note (named on the command line, it is read).
//! - Symbolic links are followed; a loop, a dangling link, a directory that cannot be
//!   listed or a path too long for the system is reported, and the walk goes on.
//! - Each directory's entries come in the order of their names, so a run's order depends
//!   on nothing but the tree.
//! - `--exclude` globs leave paths out (gitignore syntax), `--gitignore` honours the
//!   `.gitignore` files of a Git work tree as ripgrep does.
//! - The run's own `--output` file is left out, by device and inode.

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use std::collections::VecDeque;
use std::path::{Path, PathBuf};

/// Where a document comes from.
#[derive(Clone, Debug)]
pub enum Source {
    /// A file (or a FIFO, or a device, named on the command line).
    File(PathBuf),
    /// The standard input (`-`).
    Stdin,
}

impl Source {
    /// The name to print (unescaped).
    pub fn name(&self) -> String {
        match self {
            Source::File(path) => path.display().to_string(),
            Source::Stdin => "<stdin>".into(),
        }
    }

    /// The file's path, if it is one.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Source::File(path) => Some(path),
            Source::Stdin => None,
        }
    }
}

/// One step of a walk.
#[derive(Debug)]
pub enum Item {
    /// A document to check, with its size when it is a regular file (a FIFO, a device or
    /// stdin has none).
    Document(Source, Option<u64>),
    /// A path that could not be read or walked (name, why).
    Unreadable(String, String),
    /// Something a walk met and left out, with why (printed as a note).
    Skipped(String),
}

/// Which paths to leave out.
pub struct Filter {
    excludes: Gitignore,
    gitignore: bool,
}

impl Filter {
    /// Excludes what the `globs` (gitignore syntax, relative to the working directory)
    /// match; honours `.gitignore` files if `gitignore`.
    pub fn new(globs: &[String], gitignore: bool) -> Result<Filter, String> {
        let root = std::env::current_dir().unwrap_or_default();
        let mut builder = GitignoreBuilder::new(root);
        for glob in globs {
            builder.add_line(None, glob).map_err(|e| format!("--exclude {glob}: {e}"))?;
        }
        let excludes = builder.build().map_err(|e| format!("--exclude: {e}"))?;
        Ok(Filter { excludes, gitignore })
    }

    fn excludes(&self, path: &Path, is_dir: bool) -> bool {
        self.excludes.matched(path, is_dir).is_ignore()
    }
}

/// The documents the command line names, in order, as an iterator that walks lazily: a
/// walk holds no more than the directories it is in.
pub struct Walker {
    paths: VecDeque<PathBuf>,
    filter: std::sync::Arc<Filter>,
    walk: Option<(PathBuf, ignore::Walk)>,
    /// The device and inode of a file walks leave out (the run's own output).
    left_out: Option<(u64, u64)>,
}

impl Walker {
    /// Walks `paths` (`-` is stdin).
    pub fn new(paths: &[PathBuf], filter: Filter) -> Walker {
        Walker {
            paths: paths.iter().cloned().collect(),
            filter: std::sync::Arc::new(filter),
            walk: None,
            left_out: None,
        }
    }

    /// Leaves out of every walk the file of this device and inode (by whatever path it is
    /// reached): the run's own output, which is no document to check.
    pub fn leaving_out(mut self, file: Option<(u64, u64)>) -> Walker {
        self.left_out = file;
        self
    }

    /// A path named on the command line.
    fn named(&mut self, path: PathBuf) -> Option<Item> {
        if path == Path::new("-") {
            return Some(Item::Document(Source::Stdin, None));
        }
        match std::fs::metadata(&path) {
            Err(e) => Some(Item::Unreadable(path.display().to_string(), e.to_string())),
            Ok(m) if self.filter.excludes(&path, m.is_dir()) => None,
            Ok(m) if m.is_dir() => {
                let walk = self.walk_of(&path);
                self.walk = Some((path, walk));
                None
            }
            Ok(m) => Some(Item::Document(Source::File(path), m.is_file().then_some(m.len()))),
        }
    }

    fn walk_of(&self, root: &Path) -> ignore::Walk {
        let filter = std::sync::Arc::clone(&self.filter);
        let git = self.filter.gitignore;
        ignore::WalkBuilder::new(root)
            .standard_filters(false)
            .git_ignore(git)
            .git_exclude(git)
            .git_global(git)
            .parents(git)
            .follow_links(true)
            .sort_by_file_path(|a, b| a.cmp(b))
            .filter_entry(move |entry| {
                let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
                !filter.excludes(entry.path(), is_dir)
            })
            .build()
    }

    /// The next item of the current walk, if any.
    fn walked(&mut self) -> Option<Option<Item>> {
        let (root, walk) = self.walk.as_mut()?;
        let Some(next) = walk.next() else {
            self.walk = None;
            return Some(None);
        };
        let entry = match next {
            Ok(entry) => entry,
            Err(e) => {
                let name = error_path(&e).unwrap_or(root).display().to_string();
                let why = bare_error(&e);
                // An I/O error of the walk names the path again: once is enough.
                let prefix = format!("IO error for operation on {name}: ");
                let why = why.strip_prefix(&prefix).map_or(why.clone(), str::to_owned);
                return Some(Some(Item::Unreadable(name, why)));
            }
        };
        let Some(file_type) = entry.file_type() else {
            return Some(None);
        };
        if entry.depth() == 0 || file_type.is_dir() || !has_document_extension(entry.path()) {
            return Some(None);
        }
        if file_type.is_file() {
            let metadata = entry.metadata().ok();
            if self.left_out.is_some() && metadata.as_ref().and_then(crate::output::file_id) == self.left_out {
                return Some(None);
            }
            let size = metadata.map(|m| m.len());
            Some(Some(Item::Document(Source::File(entry.into_path()), size)))
        } else {
            Some(Some(Item::Skipped(format!("{}: not a regular file, skipped", entry.path().display()))))
        }
    }
}

impl Iterator for Walker {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if self.walk.is_some() {
                match self.walked() {
                    Some(Some(item)) => return Some(item),
                    _ => continue,
                }
            }
            let path = self.paths.pop_front()?;
            if let Some(item) = self.named(path) {
                return Some(item);
            }
        }
    }
}

/// Whether a walk checks a file of this name: `.xml` or `.json`, in any case.
pub fn has_document_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xml") || e.eq_ignore_ascii_case("json"))
}

/// The path an error of the walk is about.
fn error_path(error: &ignore::Error) -> Option<&Path> {
    match error {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => error_path(err),
        ignore::Error::Loop { child, .. } => Some(child),
        _ => None,
    }
}

/// An error of the walk without the path, which is printed before it.
fn bare_error(error: &ignore::Error) -> String {
    match error {
        ignore::Error::WithPath { err, .. } | ignore::Error::WithDepth { err, .. } => bare_error(err),
        ignore::Error::Loop { ancestor, .. } => {
            format!("a symbolic link loop back to {}", ancestor.display())
        }
        other => other.to_string(),
    }
}
