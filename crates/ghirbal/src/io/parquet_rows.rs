//! Parquet rows as JSON objects (the `parquet` crate's record API; no Arrow).

use parquet::record::{Field, Row};
use serde_json::{Map, Number, Value};

/// A binary value that is not UTF-8 (reported as `input:invalid-utf8` when it is the text).
pub(crate) struct NotUtf8 {
    pub(crate) column: String,
}

fn num_f64(x: f64) -> Value {
    Number::from_f64(x).map_or(Value::Null, Value::Number)
}

/// One Parquet field as JSON: numbers as numbers, strings and UTF-8 binaries as strings, lists as
/// arrays, groups and maps as objects, anything else (dates, decimals, timestamps, non-UTF-8
/// binaries) as its display string.
fn field_to_json(f: &Field) -> Value {
    match f {
        Field::Null => Value::Null,
        Field::Bool(b) => Value::Bool(*b),
        Field::Byte(n) => Value::from(*n),
        Field::Short(n) => Value::from(*n),
        Field::Int(n) => Value::from(*n),
        Field::Long(n) => Value::from(*n),
        Field::UByte(n) => Value::from(*n),
        Field::UShort(n) => Value::from(*n),
        Field::UInt(n) => Value::from(*n),
        Field::ULong(n) => Value::from(*n),
        Field::Float16(n) => num_f64(f64::from(*n)),
        Field::Float(n) => num_f64(f64::from(*n)),
        Field::Double(n) => num_f64(*n),
        Field::Str(s) => Value::String(s.clone()),
        Field::Bytes(b) => match std::str::from_utf8(b.data()) {
            Ok(s) => Value::String(s.to_string()),
            Err(_) => Value::String(f.to_string()),
        },
        Field::Group(row) => Value::Object(row_to_object(row)),
        Field::ListInternal(list) => {
            Value::Array(list.elements().iter().map(field_to_json).collect())
        }
        Field::MapInternal(map) => {
            let mut obj = Map::new();
            for (k, v) in map.entries() {
                let key = match k {
                    Field::Str(s) => s.clone(),
                    other => other.to_string(),
                };
                obj.insert(key, field_to_json(v));
            }
            Value::Object(obj)
        }
        other => Value::String(other.to_string()),
    }
}

/// A row as a JSON object, columns in schema order.
pub(crate) fn row_to_object(row: &Row) -> Map<String, Value> {
    row.get_column_iter()
        .map(|(k, v)| (k.clone(), field_to_json(v)))
        .collect()
}

/// Checks that the text column (the first of `candidates` the row has) is not a non-UTF-8
/// binary.
pub(crate) fn check_text_utf8(row: &Row, candidates: &[&str]) -> Result<(), NotUtf8> {
    let cols: Vec<(&String, &Field)> = row.get_column_iter().collect();
    let Some((name, field)) = candidates
        .iter()
        .find_map(|c| cols.iter().find(|(n, _)| n.as_str() == *c))
    else {
        return Ok(());
    };
    match field {
        Field::Bytes(b) if std::str::from_utf8(b.data()).is_err() => Err(NotUtf8 {
            column: name.to_string(),
        }),
        _ => Ok(()),
    }
}
