//! Named formulas and note templates of the tables.
//!
//! A value in a table is a number or a call of a named formula,
//! `name(argument, ...)`; an argument is a number, a name (an id or a
//! variable) or another call. A note is a template in which `{expr}` is
//! replaced by the value of `expr` and `{expr:.N}` by that value with `N`
//! decimals; `{{` and `}}` stand for braces.
//!
//! Every formula computes in a fixed order, so that a figure is the same
//! `f64` on every build.

use serde::{Deserialize, Deserializer};
use std::fmt;

/// A parsed value: a number, a name or a call.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A number.
    Num(f64),
    /// A name: a variable, or an id where a formula expects one.
    Name(String),
    /// A call of a named formula.
    Call(String, Vec<Expr>),
}

/// A formula as written in a table, parsed; deserialises from a number or a
/// string.
#[derive(Debug, Clone, PartialEq)]
pub struct Formula {
    /// The text as written.
    pub text: String,
    /// The parsed expression.
    pub expr: Expr,
}

impl Formula {
    /// Parses `text`.
    ///
    /// # Errors
    /// A message saying what is wrong with the text.
    pub fn parse(text: &str) -> Result<Formula, String> {
        let mut p = Parser {
            s: text.as_bytes(),
            i: 0,
        };
        let expr = p.expr()?;
        p.skip_ws();
        if p.i != p.s.len() {
            return Err(format!(
                "unexpected `{}` after the end of `{}`",
                &text[p.i..],
                &text[..p.i]
            ));
        }
        Ok(Formula {
            text: text.to_string(),
            expr,
        })
    }

    /// The formula's value, which must be a number.
    ///
    /// # Errors
    /// A message saying what could not be computed.
    pub fn number(&self, env: &mut dyn Env) -> Result<f64, String> {
        number(&self.expr, env).map_err(|e| format!("`{}`: {e}", self.text))
    }
}

impl fmt::Display for Formula {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for Formula {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Int(i64),
            Num(f64),
            Text(String),
        }
        let text = match Raw::deserialize(d)? {
            Raw::Int(i) => i.to_string(),
            Raw::Num(x) => format!("{x:?}"),
            Raw::Text(s) => s,
        };
        Formula::parse(&text).map_err(serde::de::Error::custom)
    }
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn skip_ws(&mut self) {
        while self.i < self.s.len() && self.s[self.i].is_ascii_whitespace() {
            self.i += 1;
        }
    }

    fn expr(&mut self) -> Result<Expr, String> {
        self.skip_ws();
        let start = self.i;
        while self.i < self.s.len()
            && (self.s[self.i].is_ascii_alphanumeric() || b"-_.+".contains(&self.s[self.i]))
        {
            self.i += 1;
        }
        // invariant: the token is ASCII, so it is valid UTF-8
        let token = std::str::from_utf8(&self.s[start..self.i]).unwrap_or_default();
        if token.is_empty() {
            return Err(match self.s.get(self.i) {
                Some(&c) => format!("expected a number, a name or a formula at `{}`", c as char),
                None => "expected a number, a name or a formula".to_string(),
            });
        }
        self.skip_ws();
        if self.s.get(self.i) != Some(&b'(') {
            return Ok(match token.parse::<f64>() {
                Ok(x) if x.is_finite() => Expr::Num(x),
                _ => Expr::Name(token.to_string()),
            });
        }
        self.i += 1;
        let mut args = Vec::new();
        self.skip_ws();
        if self.s.get(self.i) == Some(&b')') {
            self.i += 1;
            return Ok(Expr::Call(token.to_string(), args));
        }
        loop {
            args.push(self.expr()?);
            self.skip_ws();
            match self.s.get(self.i) {
                Some(b',') => self.i += 1,
                Some(b')') => {
                    self.i += 1;
                    return Ok(Expr::Call(token.to_string(), args));
                }
                _ => return Err(format!("`{token}(`: expected `,` or `)`")),
            }
        }
    }
}

/// A computed value: numbers, or text for `method(...)`.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A number.
    Num(f64),
    /// A text.
    Text(String),
}

/// A rate in USD per container-km and, when it was spread over a distance,
/// that distance.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rate {
    /// USD per container-km.
    pub per_km: f64,
    /// The kilometres the price was spread over.
    pub km: Option<f64>,
}

/// What a formula can see: variables and the figures of the dataset.
///
/// Each method fails with a message where the figure is not available in
/// the table being computed.
pub trait Env {
    /// The value of a variable (`distance_km`, `value`, ...).
    fn var(&mut self, name: &str) -> Option<Value>;

    /// The distance of a leg, km.
    fn distance(&mut self, leg: &str) -> Result<f64, String> {
        Err(format!("distance({leg}) cannot be used here"))
    }

    /// The provenance method of a figure of a leg.
    fn method(&mut self, leg: &str, field: &str) -> Result<String, String> {
        Err(format!("method({leg}, {field}) cannot be used here"))
    }

    /// A rate of costs.toml.
    fn rate(&mut self, id: &str) -> Result<Rate, String> {
        Err(format!("the rate {id} cannot be used here"))
    }

    /// The shortest rail distance between two terminals over the dataset's
    /// own rail legs, km.
    fn rail_km(&mut self, from: &str, to: &str) -> Result<f64, String> {
        Err(format!("rail paths ({from} - {to}) cannot be used here"))
    }
}

/// The named formulas, with their arguments and what they compute (listed in
/// the data README).
pub const FORMULAS: &[(&str, &str)] = &[
    ("difference(a, b, ...)", "a - b - ..."),
    ("sum(a, ...)", "a + ..."),
    ("midpoint(a, b)", "(a + b) / 2"),
    ("days(d)", "d x 24 h"),
    ("km_per_day(k)", "k / 24 h: a speed in km/h"),
    ("knots(k)", "k x 1.852 km/h"),
    (
        "weekly_frequency(d)",
        "7 / d: sailings per week of a service every d days",
    ),
    (
        "average_speed(h, km, ...)",
        "(km + ...) / h: a distance covered in h hours",
    ),
    (
        "time_share(h, km, ...)",
        "h x distance_km / (km + ...): a time for several legs split by distance",
    ),
    (
        "half_headway()",
        "0.5 x 168 / sailings_per_week: the mean wait for a sailing",
    ),
    (
        "door_time_minus_moving(h)",
        "max(0, h - time_h): a published door-to-door time less the moving time",
    ),
    ("distance(leg)", "the distance of a leg"),
    (
        "method(leg, distance_km)",
        "the provenance method of a leg's distance (text)",
    ),
    ("rate(id)", "a rate of costs.toml, USD per container-km"),
    (
        "rate_km(id)",
        "the kilometres a rate's price was spread over",
    ),
    ("per_km(rate)", "rate x distance_km"),
    ("forty_over(r)", "forty / r: a 20ft cost from the 40ft one"),
    (
        "price_over_legs(price, leg, ...)",
        "price / (distance(leg) + ...): a rate",
    ),
    (
        "price_over_rail_paths(price, from, to, ...)",
        "price / (shortest rail km from-to + ...): a rate over the dataset's own rail legs",
    ),
];

fn var_number(env: &mut dyn Env, name: &str) -> Result<f64, String> {
    match env.var(name) {
        Some(Value::Num(x)) => Ok(x),
        Some(Value::Text(_)) => Err(format!("`{name}` is a text, not a number")),
        None => Err(format!("`{name}` is not known here")),
    }
}

/// Evaluates an expression to a number.
///
/// # Errors
/// A message saying what could not be computed.
pub fn number(e: &Expr, env: &mut dyn Env) -> Result<f64, String> {
    match eval(e, env)? {
        Value::Num(x) => Ok(x),
        Value::Text(t) => Err(format!("expected a number, found the text \"{t}\"")),
    }
}

fn name_arg(e: &Expr, formula: &str) -> Result<String, String> {
    match e {
        Expr::Name(n) => Ok(n.clone()),
        _ => Err(format!(
            "{formula}(...) expects an id, not a number or formula"
        )),
    }
}

fn numbers(args: &[Expr], env: &mut dyn Env) -> Result<Vec<f64>, String> {
    args.iter().map(|a| number(a, env)).collect()
}

/// Adds left to right, as the first builder did.
fn fold_sum(xs: &[f64]) -> f64 {
    let mut it = xs.iter();
    let first = it.next().copied().unwrap_or(0.0);
    it.fold(first, |s, x| s + x)
}

/// The kilometres and the rate of `price_over_legs` and
/// `price_over_rail_paths`; `None` for other expressions.
///
/// # Errors
/// A message saying what could not be computed.
pub fn spread_rate(e: &Expr, env: &mut dyn Env) -> Result<Option<Rate>, String> {
    let Expr::Call(name, args) = e else {
        return Ok(None);
    };
    let km = match name.as_str() {
        "price_over_legs" if args.len() >= 2 => {
            let mut kms = Vec::new();
            for a in &args[1..] {
                kms.push(env.distance(&name_arg(a, name)?)?);
            }
            fold_sum(&kms)
        }
        "price_over_rail_paths" if args.len() >= 3 && args.len() % 2 == 1 => {
            let mut kms = Vec::new();
            for pair in args[1..].chunks(2) {
                kms.push(env.rail_km(&name_arg(&pair[0], name)?, &name_arg(&pair[1], name)?)?);
            }
            fold_sum(&kms)
        }
        "price_over_legs" | "price_over_rail_paths" => {
            return Err(format!(
                "{name} takes a price and {}",
                if name == "price_over_legs" {
                    "one or more legs"
                } else {
                    "pairs of terminals"
                }
            ));
        }
        _ => return Ok(None),
    };
    let price = number(&args[0], env)?;
    Ok(Some(Rate {
        per_km: price / km,
        km: Some(km),
    }))
}

/// Evaluates an expression.
///
/// # Errors
/// A message saying what could not be computed.
pub fn eval(e: &Expr, env: &mut dyn Env) -> Result<Value, String> {
    let (name, args) = match e {
        Expr::Num(x) => return Ok(Value::Num(*x)),
        Expr::Name(n) => {
            return env
                .var(n)
                .ok_or_else(|| format!("`{n}` is not a variable known here"));
        }
        Expr::Call(name, args) => (name.as_str(), args.as_slice()),
    };
    let arity = |n: usize| -> Result<(), String> {
        if args.len() == n {
            Ok(())
        } else {
            Err(format!(
                "{name} takes {n} argument(s), found {}",
                args.len()
            ))
        }
    };
    let at_least = |n: usize| -> Result<(), String> {
        if args.len() >= n {
            Ok(())
        } else {
            Err(format!(
                "{name} takes at least {n} argument(s), found {}",
                args.len()
            ))
        }
    };
    let x = match name {
        "difference" => {
            at_least(2)?;
            let xs = numbers(args, env)?;
            xs[1..].iter().fold(xs[0], |a, b| a - b)
        }
        "sum" => {
            at_least(1)?;
            fold_sum(&numbers(args, env)?)
        }
        "midpoint" => {
            arity(2)?;
            let xs = numbers(args, env)?;
            (xs[0] + xs[1]) / 2.0
        }
        "days" => {
            arity(1)?;
            number(&args[0], env)? * 24.0
        }
        "km_per_day" => {
            arity(1)?;
            number(&args[0], env)? / 24.0
        }
        "knots" => {
            arity(1)?;
            number(&args[0], env)? * 1.852
        }
        "weekly_frequency" => {
            arity(1)?;
            7.0 / number(&args[0], env)?
        }
        "average_speed" => {
            at_least(2)?;
            let xs = numbers(args, env)?;
            fold_sum(&xs[1..]) / xs[0]
        }
        "time_share" => {
            at_least(2)?;
            let xs = numbers(args, env)?;
            xs[0] * var_number(env, "distance_km")? / fold_sum(&xs[1..])
        }
        "half_headway" => {
            arity(0)?;
            0.5 * 168.0 / var_number(env, "sailings_per_week")?
        }
        "door_time_minus_moving" => {
            arity(1)?;
            let h = number(&args[0], env)?;
            (h - var_number(env, "time_h")?).max(0.0)
        }
        "distance" => {
            arity(1)?;
            env.distance(&name_arg(&args[0], name)?)?
        }
        "method" => {
            arity(2)?;
            let leg = name_arg(&args[0], name)?;
            let field = name_arg(&args[1], name)?;
            return env.method(&leg, &field).map(Value::Text);
        }
        "rate" => {
            arity(1)?;
            env.rate(&name_arg(&args[0], name)?)?.per_km
        }
        "rate_km" => {
            arity(1)?;
            let id = name_arg(&args[0], name)?;
            env.rate(&id)?
                .km
                .ok_or_else(|| format!("the rate {id} is not spread over a distance"))?
        }
        "per_km" => {
            arity(1)?;
            let r = env.rate(&name_arg(&args[0], name)?)?.per_km;
            r * var_number(env, "distance_km")?
        }
        "forty_over" => {
            arity(1)?;
            var_number(env, "forty")? / number(&args[0], env)?
        }
        "price_over_legs" | "price_over_rail_paths" => {
            // invariant: spread_rate handles these two names
            spread_rate(e, env)?.map_or(f64::NAN, |r| r.per_km)
        }
        other => {
            let known: Vec<&str> = FORMULAS
                .iter()
                .map(|(f, _)| f.split('(').next().unwrap_or(f))
                .collect();
            return Err(format!(
                "unknown formula `{other}`: the formulas are {}",
                known.join(", ")
            ));
        }
    };
    Ok(Value::Num(x))
}

/// Fills a note template.
///
/// # Errors
/// A message saying which placeholder could not be filled.
pub fn render(template: &str, env: &mut dyn Env) -> Result<String, String> {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(i) = rest.find(['{', '}']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if let Some(t) = tail.strip_prefix("{{") {
            out.push('{');
            rest = t;
            continue;
        }
        if let Some(t) = tail.strip_prefix("}}") {
            out.push('}');
            rest = t;
            continue;
        }
        if tail.starts_with('}') {
            return Err("unmatched `}` in the note (write `}}` for a brace)".into());
        }
        let end = tail
            .find('}')
            .ok_or("unclosed `{` in the note (write `{{` for a brace)")?;
        let inner = &tail[1..end];
        let (text, spec) = match inner.rsplit_once(':') {
            Some((t, s)) => (t, Some(s)),
            None => (inner, None),
        };
        let f = Formula::parse(text).map_err(|e| format!("in `{{{inner}}}`: {e}"))?;
        let v = eval(&f.expr, env).map_err(|e| format!("in `{{{inner}}}`: {e}"))?;
        match (v, spec) {
            (Value::Text(t), None) => out.push_str(&t),
            (Value::Num(x), None) => out.push_str(&format!("{x}")),
            (Value::Num(x), Some(s)) => {
                let digits: usize = s
                    .strip_prefix('.')
                    .and_then(|d| d.parse().ok())
                    .ok_or_else(|| format!("in `{{{inner}}}`: the format is `:.N`, N decimals"))?;
                out.push_str(&format!("{x:.digits$}"));
            }
            (Value::Text(_), Some(_)) => {
                return Err(format!("in `{{{inner}}}`: a text takes no format"));
            }
        }
        rest = &tail[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    struct Vars(HashMap<&'static str, f64>);

    impl Env for Vars {
        fn var(&mut self, name: &str) -> Option<Value> {
            self.0.get(name).map(|&x| Value::Num(x))
        }
        fn distance(&mut self, leg: &str) -> Result<f64, String> {
            match leg {
                "a-b" => Ok(345.3),
                "b-c" => Ok(100.0),
                _ => Err(format!("no leg {leg}")),
            }
        }
    }

    fn env() -> Vars {
        Vars(HashMap::from([
            ("distance_km", 200.0),
            ("sailings_per_week", 7.0),
            ("time_h", 37.0),
            ("forty", 1650.0),
        ]))
    }

    fn num(s: &str) -> f64 {
        Formula::parse(s)
            .and_then(|f| f.number(&mut env()))
            .unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn formulas_compute_in_the_documented_order() {
        assert_eq!(num("difference(836, distance(a-b))"), 836.0 - 345.3);
        assert_eq!(num("difference(263, 153, 29)"), 81.0);
        assert_eq!(num("midpoint(1600, 1700)"), 1650.0);
        assert_eq!(num("days(midpoint(2, 3))"), 60.0);
        assert_eq!(num("km_per_day(941)"), 941.0 / 24.0);
        assert_eq!(num("knots(16)"), 16.0 * 1.852);
        assert_eq!(num("weekly_frequency(midpoint(3, 5))"), 1.75);
        assert_eq!(
            num("average_speed(70, 1446.1, 576.6)"),
            (1446.1 + 576.6) / 70.0
        );
        assert_eq!(
            num("time_share(24, distance(a-b), distance(b-c))"),
            24.0 * 200.0 / (345.3 + 100.0)
        );
        assert_eq!(num("half_headway()"), 12.0);
        assert_eq!(num("sum(half_headway(), 24)"), 36.0);
        assert_eq!(num("door_time_minus_moving(120)"), 83.0);
        assert_eq!(num("door_time_minus_moving(20)"), 0.0);
        assert_eq!(num("forty_over(1.5)"), 1100.0);
        assert_eq!(
            num("price_over_legs(2392, a-b, b-c)"),
            2392.0 / (345.3 + 100.0)
        );
    }

    #[test]
    fn bad_formulas_say_what_is_wrong() {
        let err = |s: &str| match Formula::parse(s) {
            Err(e) => e,
            Ok(f) => f.number(&mut env()).expect_err(s),
        };
        assert!(err("midpoint(1, 2").contains("expected `,` or `)`"));
        assert!(err("midpoint(1)").contains("takes 2 argument(s)"));
        assert!(err("median(1, 2)").contains("unknown formula `median`"));
        assert!(err("distance(x-y)").contains("no leg x-y"));
        assert!(err("distance(12)").contains("expects an id"));
        assert!(err("rate(erai)").contains("cannot be used here"));
        assert!(err("value").contains("not a variable"));
        assert!(err("1 2").contains("unexpected `2`"));
    }

    #[test]
    fn templates_format_like_the_notes() {
        let r = |s: &str| render(s, &mut env()).unwrap_or_else(|e| panic!("{s}: {e}"));
        assert_eq!(
            r("minus {distance(a-b):.1} km, {sailings_per_week} a week, {{x}}"),
            "minus 345.3 km, 7 a week, {x}"
        );
        assert_eq!(r("{km_per_day(941):.1} km/h"), "39.2 km/h");
        assert_eq!(r("{knots(16):.0}"), "30");
        assert!(render("{nope}", &mut env()).is_err());
        assert!(render("open {", &mut env()).is_err());
        assert!(render("{distance_km:x}", &mut env()).is_err());
    }
}
