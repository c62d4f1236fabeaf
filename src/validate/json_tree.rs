//! A JSON tree that remembers where each value and property name starts, for findings
//! with line and column. Built only from text serde_json has already accepted; strings
//! are unescaped by serde_json.

/// The deepest nesting the tree is built for (serde_json stops at 128 already).
const MAX_DEPTH: usize = 256;

/// A value and the byte offset where it starts.
#[derive(Debug)]
pub(super) struct Node {
    pub offset: usize,
    pub value: Value,
}

/// A JSON value.
#[derive(Debug)]
pub(super) enum Value {
    Null,
    Bool(bool),
    /// A number as written.
    Number(String),
    String(String),
    Array(Vec<Node>),
    /// The properties in document order, repeats included.
    Object(Vec<Property>),
}

impl Value {
    /// `"a string"`, `"an object"`…, for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }
}

/// One property of an object.
#[derive(Debug)]
pub(super) struct Property {
    /// The byte offset of the name's opening quote.
    pub offset: usize,
    pub name: String,
    pub value: Node,
}

/// Builds the tree of a well-formed JSON text; `None` if it is not one after all.
pub(super) fn parse(text: &str) -> Option<Node> {
    let mut parser = Parser { text, bytes: text.as_bytes(), at: 0 };
    let node = parser.value(0)?;
    parser.whitespace();
    (parser.at == parser.bytes.len()).then_some(node)
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
}

impl Parser<'_> {
    fn whitespace(&mut self) {
        while matches!(self.bytes.get(self.at), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        self.whitespace();
        let found = self.bytes.get(self.at) == Some(&byte);
        if found {
            self.at += 1;
        }
        found
    }

    fn value(&mut self, depth: usize) -> Option<Node> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.whitespace();
        let offset = self.at;
        let value = match *self.bytes.get(self.at)? {
            b'{' => {
                self.at += 1;
                let mut properties = Vec::new();
                if !self.eat(b'}') {
                    loop {
                        self.whitespace();
                        let offset = self.at;
                        let name = self.string()?;
                        if !self.eat(b':') {
                            return None;
                        }
                        let value = self.value(depth + 1)?;
                        properties.push(Property { offset, name, value });
                        if self.eat(b'}') {
                            break;
                        }
                        if !self.eat(b',') {
                            return None;
                        }
                    }
                }
                Value::Object(properties)
            }
            b'[' => {
                self.at += 1;
                let mut items = Vec::new();
                if !self.eat(b']') {
                    loop {
                        items.push(self.value(depth + 1)?);
                        if self.eat(b']') {
                            break;
                        }
                        if !self.eat(b',') {
                            return None;
                        }
                    }
                }
                Value::Array(items)
            }
            b'"' => Value::String(self.string()?),
            b't' => self.literal("true", Value::Bool(true))?,
            b'f' => self.literal("false", Value::Bool(false))?,
            b'n' => self.literal("null", Value::Null)?,
            _ => {
                let start = self.at;
                while matches!(self.bytes.get(self.at), Some(b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E')) {
                    self.at += 1;
                }
                if start == self.at {
                    return None;
                }
                Value::Number(self.text.get(start..self.at)?.to_owned())
            }
        };
        Some(Node { offset, value })
    }

    fn literal(&mut self, word: &str, value: Value) -> Option<Value> {
        let end = self.at + word.len();
        (self.bytes.get(self.at..end)? == word.as_bytes()).then(|| {
            self.at = end;
            value
        })
    }

    /// A string starting at the current quote, unescaped.
    fn string(&mut self) -> Option<String> {
        let start = self.at;
        if self.bytes.get(start) != Some(&b'"') {
            return None;
        }
        let mut at = start + 1;
        loop {
            match *self.bytes.get(at)? {
                b'\\' => at += 2,
                b'"' => break,
                _ => at += 1,
            }
        }
        self.at = at + 1;
        serde_json::from_str(self.text.get(start..self.at)?).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_point_at_values_and_names() {
        let text = r#" {"a": [1, "x\"y"], "b\u0041": {"c": null}} "#;
        let root = parse(text).unwrap();
        assert_eq!(root.offset, 1);
        let Value::Object(properties) = &root.value else { panic!() };
        assert_eq!((properties[0].offset, properties[0].name.as_str()), (2, "a"));
        assert_eq!(properties[1].name, "bA");
        assert_eq!(&text[properties[1].offset..properties[1].offset + 3], "\"b\\");
        let Value::Array(items) = &properties[0].value.value else { panic!() };
        assert!(matches!(&items[1].value, Value::String(s) if s == "x\"y"));
        assert_eq!(items[1].offset, 11);
    }

    #[test]
    fn rejects_what_is_not_json() {
        for text in ["", "{", "[1,]", "{\"a\" 1}", "tru", "\"abc", "1 2"] {
            assert!(parse(text).is_none(), "{text}");
        }
    }
}
