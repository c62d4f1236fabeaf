//! The connection under hyper: the request target of each head as the client sent it
//! (for the log, and so that a target hyper would refuse before any handler runs reaches
//! the mock and gets its `ErrorResponse`), and a timeout on writes to a client that reads
//! nothing.
//!
//! hyper (through httparse and the `http` crate) refuses a request target holding `<`,
//! `>`, control characters, bytes that are not UTF-8, or `"` in the query with a bare
//! `400`, before any handler runs. The mock refuses the same targets, and more (anything
//! that is not ASCII), with an `ErrorResponse` in the negotiated format. So that every
//! such target gets the mock's answer, each byte of the target that the mock refuses is
//! handed to hyper as U+FFFD (which the `http` crate accepts and the mock refuses); the
//! target as sent is kept for the log.
//!
//! Nothing else of the request is changed. To know where the next request target starts,
//! the bytes after the end of a head (its empty line) are held back until the handler has
//! seen the request: a request without a body is followed by the next head; after one with
//! a body (which the server never reads beyond hyper's own drain) everything is passed on
//! unchanged.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{ready, Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::time::Sleep;

/// The most bytes of a request's method and target kept for the log.
const KEPT: usize = 16 * 1024 + 64;
/// What a refused byte of the target becomes: U+FFFD REPLACEMENT CHARACTER.
const REPLACEMENT: [u8; 3] = [0xEF, 0xBF, 0xBD];
/// How many bytes are read from the socket at once.
const CHUNK: usize = 8 * 1024;

/// Whether the mock refuses `byte` in a request target (see `Mock::respond`): control
/// characters, DEL, `"`, `<`, `>`, `` ` `` and every byte that is not ASCII. (A space
/// ends the target; a carriage return is left for hyper to judge.)
fn refused(byte: u8) -> bool {
    !(0x20..0x7F).contains(&byte) || matches!(byte, b'"' | b'<' | b'>' | b'`')
}

/// What the connection's reader and its handler share about the current request head.
#[derive(Default)]
pub struct Heads {
    inner: Mutex<HeadsInner>,
}

#[derive(Default)]
struct HeadsInner {
    /// The method and target of the head being read, as sent (the first [`KEPT`] bytes).
    reading: Vec<u8>,
    /// The method and target of the last head read whole, until the handler takes it.
    read: Option<Vec<u8>>,
    /// Whether the request the handler took has a body; `None` until it says.
    has_body: Option<bool>,
}

impl Heads {
    fn lock(&self) -> MutexGuard<'_, HeadsInner> {
        self.inner.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// For the handler: the method and target of the request hyper has just read, as the
    /// client sent them; and whether the request has a body, which decides how the bytes
    /// that follow are read.
    pub fn take(&self, has_body: bool) -> Option<Vec<u8>> {
        let mut inner = self.lock();
        inner.has_body = Some(has_body);
        inner.read.take()
    }

    /// For the log of a request hyper refused: what was read of its method and target.
    pub fn refused_line(&self) -> Option<Vec<u8>> {
        let mut inner = self.lock();
        let line = inner.read.take().unwrap_or_else(|| std::mem::take(&mut inner.reading));
        (!line.is_empty()).then_some(line)
    }
}

/// Where the reader is in the bytes of a connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// Before or in the method of a head (empty lines before it are passed on).
    Method {
        started: bool,
    },
    /// In the request target.
    Target,
    /// In the rest of the request line.
    Version,
    /// In the header lines: at the start of a line, after a carriage return there, or in
    /// a line.
    LineStart,
    LineStartCr,
    InLine,
    /// A head was read whole: the bytes after it wait for the handler.
    Held,
    /// Passed on unchanged (after a request with a body).
    Opaque,
}

/// A TCP connection as hyper reads and writes it (see the module's documentation).
pub struct Intake {
    stream: TcpStream,
    heads: Arc<Heads>,
    buf: Box<[u8]>,
    start: usize,
    end: usize,
    /// The rest of a replacement that did not fit in hyper's buffer.
    carry: ([u8; 3], usize, usize),
    state: State,
    write_timeout: Duration,
    write_deadline: Option<Pin<Box<Sleep>>>,
}

impl Intake {
    pub fn new(stream: TcpStream, heads: Arc<Heads>, write_timeout: Duration) -> Self {
        Intake {
            stream,
            heads,
            buf: vec![0; CHUNK].into_boxed_slice(),
            start: 0,
            end: 0,
            carry: ([0; 3], 0, 0),
            state: State::Method { started: false },
            write_timeout,
            write_deadline: None,
        }
    }

    fn keep(&self, byte: u8) {
        let mut inner = self.heads.lock();
        if inner.reading.len() < KEPT {
            inner.reading.push(byte);
        }
    }

    /// Hands the bytes of a head in the buffer to `out`, replacing refused bytes of the
    /// target, up to the end of the head.
    fn head_bytes(&mut self, out: &mut ReadBuf<'_>) {
        while self.start < self.end && out.remaining() > 0 {
            let byte = self.buf[self.start];
            self.start += 1;
            match self.state {
                State::Method { started } => {
                    match byte {
                        b'\r' | b'\n' if !started => {}
                        b'\n' => self.state = State::LineStart,
                        b' ' => {
                            self.keep(byte);
                            self.state = State::Target;
                        }
                        _ => {
                            self.keep(byte);
                            self.state = State::Method { started: true };
                        }
                    }
                    out.put_slice(&[byte]);
                }
                State::Target => {
                    match byte {
                        b' ' => self.state = State::Version,
                        b'\n' => self.state = State::LineStart,
                        _ => self.keep(byte),
                    }
                    if byte != b'\r' && byte != b'\n' && refused(byte) {
                        let n = REPLACEMENT.len().min(out.remaining());
                        out.put_slice(&REPLACEMENT[..n]);
                        self.carry = (REPLACEMENT, n, REPLACEMENT.len());
                        return;
                    }
                    out.put_slice(&[byte]);
                }
                State::Version | State::InLine => {
                    if byte == b'\n' {
                        self.state = State::LineStart;
                    }
                    out.put_slice(&[byte]);
                }
                State::LineStart | State::LineStartCr => {
                    out.put_slice(&[byte]);
                    match byte {
                        b'\n' => {
                            // The empty line: the head is whole.
                            let mut inner = self.heads.lock();
                            inner.read = Some(std::mem::take(&mut inner.reading));
                            inner.has_body = None;
                            self.state = State::Held;
                            return;
                        }
                        b'\r' if self.state == State::LineStart => self.state = State::LineStartCr,
                        _ => self.state = State::InLine,
                    }
                }
                State::Held | State::Opaque => {
                    self.start -= 1;
                    return;
                }
            }
        }
    }

    /// Arms or polls the write deadline of a write that is pending.
    fn write_pending<T>(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<T>> {
        let timeout = self.write_timeout;
        let deadline = self.write_deadline.get_or_insert_with(|| Box::pin(tokio::time::sleep(timeout)));
        match deadline.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Err(io::Error::new(
                io::ErrorKind::TimedOut,
                format!("the client read nothing for {} s", timeout.as_secs_f32()),
            ))),
            Poll::Pending => Poll::Pending,
        }
    }

    fn written<T>(&mut self, result: Poll<io::Result<T>>, cx: &mut Context<'_>) -> Poll<io::Result<T>> {
        match result {
            Poll::Ready(result) => {
                self.write_deadline = None;
                Poll::Ready(result)
            }
            Poll::Pending => self.write_pending(cx),
        }
    }
}

impl AsyncRead for Intake {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, out: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let (bytes, from, to) = this.carry;
        if from < to {
            let n = (to - from).min(out.remaining());
            out.put_slice(&bytes[from..from + n]);
            this.carry.1 += n;
            return Poll::Ready(Ok(()));
        }
        loop {
            if this.state == State::Held {
                // hyper reads again: the handler has taken the head, or hyper has refused it
                // (then it reads no further) or asks for more than the head (then nothing is
                // known of what follows, which is passed on unchanged).
                this.state = match this.heads.lock().has_body {
                    Some(false) => State::Method { started: false },
                    _ => State::Opaque,
                };
            }
            if this.start == this.end {
                let mut read = ReadBuf::new(&mut this.buf);
                ready!(Pin::new(&mut this.stream).poll_read(cx, &mut read))?;
                let n = read.filled().len();
                if n == 0 {
                    return Poll::Ready(Ok(()));
                }
                (this.start, this.end) = (0, n);
            }
            if this.state == State::Opaque {
                let n = (this.end - this.start).min(out.remaining());
                out.put_slice(&this.buf[this.start..this.start + n]);
                this.start += n;
                return Poll::Ready(Ok(()));
            }
            let before = out.filled().len();
            this.head_bytes(out);
            if out.filled().len() > before || out.remaining() == 0 {
                return Poll::Ready(Ok(()));
            }
        }
    }
}

impl AsyncWrite for Intake {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let result = Pin::new(&mut this.stream).poll_write(cx, buf);
        this.written(result, cx)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let result = Pin::new(&mut this.stream).poll_write_vectored(cx, bufs);
        this.written(result, cx)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let result = Pin::new(&mut this.stream).poll_flush(cx);
        this.written(result, cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let result = Pin::new(&mut this.stream).poll_shutdown(cx);
        this.written(result, cx)
    }
}
