//! Writing what the command line prints: escaping of what it quotes from the input, lines
//! on stderr that report a failure to write instead of panicking, and files written whole
//! or not at all ([`FileOutput`], [`write_file`], [`DirOutput`], [`Appender`]).

use std::borrow::Cow;
use std::fs::{File, Metadata};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// `text` with every character that could end a line, move the cursor or reorder what a
/// terminal shows written as an escape (`\n`, `\r`, `\t`, `\u{1b}`): control characters
/// (C0, DEL, C1), the Unicode line and paragraph separators and the bidirectional
/// overrides. No file name, value or member path quoted through it can start a line of
/// its own.
///
/// ```text
/// "a\n::error::x" → "a\\n::error::x"
/// ```
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn needs_escape(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Writes `line` and a newline to stderr. A failure (stderr on a full disk, closed) is
/// returned, never a panic.
pub fn stderr_line(line: &str) -> std::io::Result<()> {
    let mut stderr = std::io::stderr().lock();
    stderr.write_all(line.as_bytes()).and_then(|()| stderr.write_all(b"\n")).and_then(|()| stderr.flush())
}

/// Writes `error: message` to stderr, ignoring a failure to do so: the caller's exit status
/// already says that something went wrong.
pub fn error(message: &str) {
    let _ = stderr_line(&format!("error: {message}"));
}

/// Restores the default action of SIGPIPE, which Rust's runtime ignores: writing to a
/// closed pipe (`evovoice-contracts validate … | head`) then ends the process quietly, as
/// it ends other Unix tools.
pub fn default_sigpipe() {
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to its default has no preconditions; no
    // handler runs.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

/// A file being written whole or not at all. The bytes go to a temporary file in the same
/// directory, which [`commit`](FileOutput::commit) renames over the destination: until then
/// the destination keeps what it held, and a failure (a full disk, a file size limit, a
/// dropped `FileOutput`) removes the temporary file and leaves the destination as it was.
///
/// - A destination that is a symbolic link is refused: nothing is ever written through a
///   link. Should one appear in its place meanwhile, the rename replaces the link itself,
///   never the file it points to.
/// - A destination that is a device, a FIFO or a socket (`/dev/null`, or a link to one, such
///   as `/dev/stdout` on a pipe) is a stream, not a file: it is written in place.
/// - A file replaced keeps its permissions; a new one gets the usual `0666` less the umask.
pub struct FileOutput {
    path: PathBuf,
    target: Target,
}

enum Target {
    /// A temporary file beside the destination.
    Replace(BufWriter<tempfile::NamedTempFile>),
    /// A device, FIFO or socket, written in place.
    Stream(BufWriter<File>),
}

impl FileOutput {
    /// Starts writing `path`; an error says why it cannot be (its message does not repeat
    /// the path).
    pub fn create(path: &Path) -> io::Result<FileOutput> {
        // `out/` would follow a link named `out`: the path without its trailing slash.
        let path: &Path = &path.components().collect::<PathBuf>();
        let target = match std::fs::symlink_metadata(path) {
            Ok(meta) if meta.file_type().is_symlink() => match std::fs::metadata(path) {
                Ok(target) if is_stream(&target) => Target::Stream(open_stream(path)?),
                _ => return Err(io::Error::other(SYMLINK)),
            },
            Ok(meta) if meta.is_dir() => return Err(is_a_directory()),
            Ok(meta) if is_stream(&meta) => Target::Stream(open_stream(path)?),
            Ok(meta) => Target::Replace(BufWriter::new(temporary_beside(path, Some(meta.permissions()))?)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                Target::Replace(BufWriter::new(temporary_beside(path, None)?))
            }
            Err(e) => return Err(e),
        };
        Ok(FileOutput { path: path.to_path_buf(), target })
    }

    /// Puts the file in place: flushed, synced to the disk, then renamed over the
    /// destination (a stream is flushed).
    pub fn commit(self) -> io::Result<()> {
        match self.target {
            Target::Stream(mut stream) => stream.flush(),
            Target::Replace(buffered) => {
                let temporary = buffered.into_inner().map_err(io::IntoInnerError::into_error)?;
                temporary.as_file().sync_all()?;
                temporary.persist(&self.path).map(drop).map_err(|e| e.error)
            }
        }
    }
}

impl Write for FileOutput {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        match &mut self.target {
            Target::Replace(file) => file.write(bytes),
            Target::Stream(stream) => stream.write(bytes),
        }
    }

    fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        match &mut self.target {
            Target::Replace(file) => file.write_all(bytes),
            Target::Stream(stream) => stream.write_all(bytes),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.target {
            Target::Replace(file) => file.flush(),
            Target::Stream(stream) => stream.flush(),
        }
    }
}

/// Writes `bytes` to `path` whole or not at all, as [`FileOutput`] does.
pub fn write_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = FileOutput::create(path)?;
    file.write_all(bytes)?;
    file.commit()
}

/// The error of writing a directory as a file, as the system words it.
fn is_a_directory() -> io::Error {
    #[cfg(unix)]
    return io::Error::from_raw_os_error(libc::EISDIR);
    #[cfg(not(unix))]
    return io::Error::from(io::ErrorKind::IsADirectory);
}

/// A file appended to whole or not at all, such as GitHub's job summary: what
/// [`append`](Appender::append) is given is written at the end of the file in one piece, and
/// a failure half-way (a full disk) cuts the file back to its length before. A symbolic link
/// is refused, as [`FileOutput`] refuses one.
pub struct Appender {
    file: File,
}

impl Appender {
    /// Opens `path` to append to it, creating it if needed.
    pub fn open(path: &Path) -> io::Result<Appender> {
        let mut options = std::fs::OpenOptions::new();
        options.append(true).create(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NOFOLLOW);
        match options.open(path) {
            Ok(file) => Ok(Appender { file }),
            #[cfg(unix)]
            Err(e) if e.raw_os_error() == Some(libc::ELOOP) => Err(io::Error::other(SYMLINK)),
            Err(e) => Err(e),
        }
    }

    /// Appends `bytes` whole, or leaves the file as it was.
    pub fn append(&mut self, bytes: &[u8]) -> io::Result<()> {
        let before = self.file.metadata()?.len();
        let written = self.file.write_all(bytes).and_then(|()| self.file.flush());
        if written.is_err() && self.file.metadata()?.is_file() {
            let _ = self.file.set_len(before);
        }
        written
    }
}

/// Why a symbolic link is not written.
const SYMLINK: &str =
    "a symbolic link, which is never written through (name the file it points to, or remove the link)";

/// A device, a FIFO or a socket: something written as a stream, never replaced.
fn is_stream(meta: &Metadata) -> bool {
    !meta.is_file() && !meta.is_dir() && !meta.file_type().is_symlink()
}

/// Opens a device, FIFO or socket for writing, and checks that it still is one.
fn open_stream(path: &Path) -> io::Result<BufWriter<File>> {
    let file = std::fs::OpenOptions::new().write(true).open(path)?;
    if is_stream(&file.metadata()?) {
        Ok(BufWriter::new(file))
    } else {
        Err(io::Error::other("changed while it was being opened; not written"))
    }
}

/// The directory holding `path`, and its name in it (`.` and `..` resolved).
fn split(path: &Path) -> io::Result<(PathBuf, std::ffi::OsString)> {
    let resolved;
    let path = if path.file_name().is_some() {
        path
    } else {
        resolved = std::fs::canonicalize(path)?;
        &resolved
    };
    let name = path.file_name().ok_or_else(|| io::Error::other("names no file"))?;
    let parent = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Ok((parent, name.to_owned()))
}

/// A temporary file in the directory of `path`, with `permissions` (else `0666` less the
/// umask). Its name has no `.xml` or `.json` extension, so no walk takes it for a document.
fn temporary_beside(path: &Path, permissions: Option<std::fs::Permissions>) -> io::Result<tempfile::NamedTempFile> {
    let (parent, _) = split(path)?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".evovoice-contracts-").suffix(".tmp");
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let file = builder.tempfile_in(parent).map_err(without_path)?;
    if let Some(permissions) = permissions {
        file.as_file().set_permissions(permissions)?;
    }
    Ok(file)
}

/// A directory of files written whole or not at all: the files go into a temporary
/// directory beside the destination, which [`commit`](DirOutput::commit) puts in the
/// destination's place in one step. Until then the destination keeps what it held; a
/// failure, or a dropped `DirOutput`, removes the temporary directory and everything in it.
///
/// The destination must not exist, or be an empty directory, or (with `force`) a directory
/// whose entries are all files (or links) named as `is_replaceable` allows: afterwards it
/// holds exactly the new files. A destination that is a symbolic link is refused; files are created
/// anew in the temporary directory, so no link in the old tree is ever followed.
pub struct DirOutput {
    temporary: tempfile::TempDir,
    /// The destination, as its directory and its name there.
    path: PathBuf,
    /// The destination as the command line named it, escaped.
    shown: String,
    replaces: bool,
}

impl DirOutput {
    /// Starts writing the directory `path`, creating its parents if needed. The error is a
    /// message naming the path.
    pub fn create(path: &Path, force: bool, is_replaceable: impl Fn(&str) -> bool) -> Result<DirOutput, String> {
        // `out/` would follow a link named `out`: the path without its trailing slash.
        let path: &Path = &path.components().collect::<PathBuf>();
        let shown = escape(&path.display().to_string()).into_owned();
        let io = |e: io::Error| format!("{shown}: {e}");
        let mut permissions = None;
        let mut replaces = false;
        match std::fs::symlink_metadata(path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                return Err(format!(
                    "{shown}: a symbolic link, which is never written through (name the directory it points to)"
                ));
            }
            Ok(meta) if !meta.is_dir() => return Err(format!("{shown}: exists and is not a directory")),
            Ok(meta) => {
                permissions = Some(meta.permissions());
                // Each entry's name, and whether `--force` may replace it: a file or a link
                // named as `is_replaceable` allows (never a directory).
                let mut entries = Vec::new();
                for entry in std::fs::read_dir(path).map_err(io)? {
                    let entry = entry.map_err(io)?;
                    let is_dir = entry.file_type().map_err(io)?.is_dir();
                    let name = entry.file_name();
                    let replaceable = !is_dir && name.to_str().is_some_and(&is_replaceable);
                    entries.push((name, replaceable));
                }
                entries.sort();
                if let Some((first, _)) = entries.first() {
                    if !force {
                        return Err(format!(
                            "{shown} already holds files ({} entries, such as {}); --force replaces them with the new ones",
                            entries.len(),
                            escape(&first.to_string_lossy())
                        ));
                    }
                    if let Some((other, _)) = entries.iter().find(|(_, replaceable)| !replaceable) {
                        return Err(format!(
                            "{shown} holds {}, which this command does not write; not replaced (remove it, or choose another directory)",
                            escape(&other.to_string_lossy())
                        ));
                    }
                    replaces = true;
                }
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(io(e)),
        }
        // `.` and `..` resolved: a rename needs the name in its directory.
        let (parent, name) = split(path).map_err(io)?;
        std::fs::create_dir_all(&parent).map_err(|e| format!("{}: {e}", escape(&parent.display().to_string())))?;
        let temporary = tempfile::Builder::new()
            .prefix(".evovoice-contracts-")
            .suffix(".tmp")
            .tempdir_in(&parent)
            .map_err(|e| io(without_path(e)))?;
        if let Some(permissions) = permissions {
            std::fs::set_permissions(temporary.path(), permissions).map_err(io)?;
        }
        Ok(DirOutput { temporary, path: parent.join(name), shown, replaces })
    }

    /// Writes a new file `name` (never an existing one, never through a link).
    pub fn write(&self, name: &str, bytes: &[u8]) -> io::Result<()> {
        let mut file =
            std::fs::OpenOptions::new().write(true).create_new(true).open(self.temporary.path().join(name))?;
        file.write_all(bytes)
    }

    /// Puts the new directory in the destination's place, and removes the old one. The
    /// error is a message naming the path.
    pub fn commit(self) -> Result<(), String> {
        let DirOutput { temporary, path, shown, replaces } = self;
        let io = |e: io::Error| format!("{shown}: {e}");
        if !replaces {
            // Onto nothing, or an empty directory: one rename.
            std::fs::rename(temporary.path(), &path).map_err(io)?;
            let _ = temporary.keep();
            return Ok(());
        }
        // The new tree and the old one trade places (in one step where the system can),
        // and the old one, now at the temporary path, is removed with it.
        exchange(temporary.path(), &path).map_err(io)?;
        temporary.close().map_err(|e| format!("{shown}: the earlier files could not all be removed: {e}"))
    }
}

/// Puts `new` at `old`'s place and `old` at `new`'s.
fn exchange(new: &Path, old: &Path) -> io::Result<()> {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        use std::os::unix::ffi::OsStrExt;
        let c = |p: &Path| std::ffi::CString::new(p.as_os_str().as_bytes()).map_err(io::Error::other);
        let (new_c, old_c) = (c(new)?, c(old)?);
        // SAFETY: both paths are NUL-terminated strings that live across the call.
        let done = unsafe {
            libc::renameat2(libc::AT_FDCWD, new_c.as_ptr(), libc::AT_FDCWD, old_c.as_ptr(), libc::RENAME_EXCHANGE)
        };
        if done == 0 {
            return Ok(());
        }
        let error = io::Error::last_os_error();
        if !matches!(error.raw_os_error(), Some(libc::EINVAL | libc::ENOSYS | libc::ENOTSUP)) {
            return Err(error);
        }
    }
    exchange_by_renames(new, old)
}

/// [`exchange`] where the system cannot swap in one step: the old tree aside, the new one
/// in, the old one where the new one was.
fn exchange_by_renames(new: &Path, old: &Path) -> io::Result<()> {
    // The place aside is an empty directory, which a rename replaces.
    let (parent, _) = split(old)?;
    let aside = tempfile::Builder::new().prefix(".evovoice-contracts-").suffix(".old").tempdir_in(parent)?.keep();
    std::fs::rename(old, &aside)?;
    if let Err(e) = std::fs::rename(new, old) {
        let _ = std::fs::rename(&aside, old);
        let _ = std::fs::remove_dir(&aside);
        return Err(e);
    }
    std::fs::rename(&aside, new)
}

/// An error of `tempfile` without the temporary path it appends (` at path "…"`): the
/// message names the destination instead.
fn without_path(error: io::Error) -> io::Error {
    let text = error.to_string();
    match text.split_once(" at path ") {
        Some((bare, _)) => io::Error::new(error.kind(), bare.to_owned()),
        None => error,
    }
}

/// The device and inode of a file, which name it whatever path reaches it (links, `..`,
/// another spelling).
#[cfg(unix)]
pub fn file_id(meta: &Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

/// The device and inode of a file (not known on this system).
#[cfg(not(unix))]
pub fn file_id(_: &Metadata) -> Option<(u64, u64)> {
    None
}

#[cfg(test)]
mod tests {
    use super::{escape, exchange, exchange_by_renames};
    use std::path::Path;

    /// Two directories, `new` holding `a`, `old` holding `b`, traded by `swap`.
    fn traded(swap: fn(&Path, &Path) -> std::io::Result<()>) {
        let dir = tempfile::tempdir().unwrap();
        let (new, old) = (dir.path().join("new"), dir.path().join("old"));
        for (d, file) in [(&new, "a"), (&old, "b")] {
            std::fs::create_dir(d).unwrap();
            std::fs::write(d.join(file), file).unwrap();
        }
        swap(&new, &old).unwrap();
        assert!(old.join("a").exists() && !old.join("b").exists());
        assert!(new.join("b").exists() && !new.join("a").exists());
        let mut names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        names.sort();
        assert_eq!(names, ["new", "old"]);
    }

    #[test]
    fn directories_trade_places_in_one_step_or_by_renames() {
        traded(exchange);
        traded(exchange_by_renames);
    }

    #[test]
    fn line_breaks_and_controls_are_escaped() {
        assert_eq!(escape("a\n::error file=x::y"), "a\\n::error file=x::y");
        assert_eq!(escape("\r\t\u{1b}[2J\u{85}\u{2028}\u{202E}"), "\\r\\t\\u{1b}[2J\\u{85}\\u{2028}\\u{202e}");
        assert!(matches!(escape("plain é"), std::borrow::Cow::Borrowed("plain é")));
    }
}
