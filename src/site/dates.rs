//! Dates: TOML datetimes read in the site's time zone, and the forms pages show.

use jiff::civil;
use jiff::tz::{Offset, TimeZone};
use jiff::{Timestamp, ZonedDateTime as Zoned};

/// A TOML datetime as a moment in the site's time zone. A datetime without an offset is
/// read in `tz`; a bare date is midnight there. A bare time has no day and is refused.
pub fn from_toml(value: &toml::value::Datetime, tz: &TimeZone) -> Result<Zoned, String> {
    let Some(date) = value.date else {
        return Err("a time without a day cannot be a date".to_string());
    };
    let day = civil::Date::new(date.year as i16, date.month as i8, date.day as i8)
        .map_err(|e| e.to_string())?;
    let time = match value.time {
        Some(t) => civil::Time::new(
            t.hour as i8,
            t.minute as i8,
            t.second.unwrap_or(0) as i8,
            t.nanosecond.unwrap_or(0) as i32,
        )
        .map_err(|e| e.to_string())?,
        None => civil::Time::midnight(),
    };
    let local = day.to_datetime(time);
    match value.offset {
        Some(offset) => {
            let minutes = match offset {
                toml::value::Offset::Z => 0,
                toml::value::Offset::Custom { minutes } => minutes,
            };
            let offset =
                Offset::from_seconds(i32::from(minutes) * 60).map_err(|e| e.to_string())?;
            let ts = offset.to_timestamp(local).map_err(|e| e.to_string())?;
            Ok(ts.to_zoned_datetime(tz.clone()))
        }
        None => local
            .to_zoned_datetime(tz.clone())
            .map_err(|e| e.to_string()),
    }
}

/// A date as a writer may write it in front matter: a TOML datetime or date
/// (`date = 2025-05-28T18:30:00+04:00`, `date = 2025-05-28`) or the same in quotes, as Hugo
/// takes it (`date = "2025-05-28T18:30:00+04:00"`). Read in `tz` like [`from_toml`].
pub fn from_value(value: &toml::Value, tz: &TimeZone) -> Result<Zoned, String> {
    match value {
        toml::Value::Datetime(d) => from_toml(d, tz),
        toml::Value::String(s) => match s.trim().parse::<toml::value::Datetime>() {
            Ok(d) => from_toml(&d, tz),
            Err(_) => Err(format!("\"{s}\" is not written as a date")),
        },
        other => Err(format!("{other} is not a date")),
    }
}

/// The moment `--now` names: `2025-06-01T09:00:00+04:00`, or without an offset
/// (`2025-06-01T09:00:00`, `2025-06-01`, midnight) read in UTC. Dates are read by the same
/// rule as front matter's.
pub fn parse_moment(text: &str) -> Result<Timestamp, String> {
    let value = toml::Value::String(text.to_string());
    from_value(&value, &TimeZone::UTC)
        .map(|z| z.timestamp())
        .map_err(|_| {
            format!("`{text}` is not a moment; write it as 2025-06-01 or 2025-06-01T09:00:00+04:00")
        })
}

/// RFC 3339 with the offset, to the second: `2025-05-28T18:30:00+04:00`.
pub fn rfc3339(z: &Zoned) -> String {
    z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// For readers: `28 May 2025, 18:30 Baku time`, with the site's `label` for its time zone;
/// without one, the zone's abbreviation where it has one in letters (`BST`, `PKT`), else
/// its offset from UTC (`UTC+4`, `UTC+5:30`, `UTC`).
pub fn display(z: &Zoned, label: Option<&str>) -> String {
    format!("{}, {}", display_day(z), time(z, label))
}

/// For readers, the time only: `18:30 Baku time` (see [`display`]).
pub fn time(z: &Zoned, label: Option<&str>) -> String {
    format!("{} {}", clock(z), zone_label(z, label))
}

/// The name readers see for the time zone of `z`: `label`, else as [`display`] says.
pub fn zone_label(z: &Zoned, label: Option<&str>) -> String {
    if let Some(label) = label {
        return label.to_string();
    }
    let abbreviation = z.strftime("%Z").to_string();
    if abbreviation.chars().any(|c| c.is_ascii_alphabetic()) {
        return abbreviation;
    }
    let seconds = z.offset().seconds();
    if seconds == 0 {
        return "UTC".to_string();
    }
    let sign = if seconds < 0 { '-' } else { '+' };
    let (hours, minutes) = (seconds.abs() / 3600, seconds.abs() % 3600 / 60);
    match minutes {
        0 => format!("UTC{sign}{hours}"),
        m => format!("UTC{sign}{hours}:{m:02}"),
    }
}

/// For readers, the time of day only: `18:30`.
pub fn clock(z: &Zoned) -> String {
    z.strftime("%H:%M").to_string()
}

/// For readers, the day only: `28 May 2025`.
pub fn display_day(z: &Zoned) -> String {
    z.strftime("%-d %B %Y").to_string()
}

/// The build clock: `--now`, else `SOURCE_DATE_EPOCH`, else the system clock.
pub fn build_clock(now: Option<Timestamp>, tz: &TimeZone) -> Result<Zoned, String> {
    if let Some(now) = now {
        return Ok(now.to_zoned_datetime(tz.clone()));
    }
    if let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") {
        let seconds: i64 = epoch
            .trim()
            .parse()
            .map_err(|_| format!("SOURCE_DATE_EPOCH `{epoch}` is not a number of seconds"))?;
        let ts = Timestamp::from_second(seconds).map_err(|e| e.to_string())?;
        return Ok(ts.to_zoned_datetime(tz.clone()));
    }
    Ok(Timestamp::now().to_zoned_datetime(tz.clone()))
}

#[cfg(test)]
mod tests {

    #[test]
    fn times_carry_the_zones_name_or_its_offset_never_a_bare_number() {
        let at = |when: &str, zone: &str| format!("{when}[{zone}]").parse::<Zoned>().unwrap();
        let baku = at("2025-05-28T18:30", "Asia/Baku");
        assert_eq!(display(&baku, None), "28 May 2025, 18:30 UTC+4");
        assert_eq!(
            display(&baku, Some("Baku time")),
            "28 May 2025, 18:30 Baku time"
        );
        assert_eq!(time(&baku, Some("Baku time")), "18:30 Baku time");
        assert_eq!(
            time(&at("2025-07-01T09:05", "Europe/London"), None),
            "09:05 BST"
        );
        assert_eq!(
            time(&at("2025-01-01T09:05", "Europe/London"), None),
            "09:05 GMT"
        );
        assert_eq!(
            time(&at("2025-01-01T09:05", "Asia/Kolkata"), None),
            "09:05 IST"
        );
        assert_eq!(
            time(&at("2025-01-01T09:05", "Asia/Kathmandu"), None),
            "09:05 UTC+5:45"
        );
        assert_eq!(
            time(&at("2025-01-01T09:05", "America/Sao_Paulo"), None),
            "09:05 UTC-3"
        );
        assert_eq!(time(&at("2025-01-01T09:05", "UTC"), None), "09:05 UTC");
    }

    use super::*;

    fn dt(s: &str) -> toml::value::Datetime {
        s.parse().unwrap()
    }

    #[test]
    fn dates_without_offset_use_the_site_zone() {
        let baku = TimeZone::get("Asia/Baku").unwrap();
        let z = from_toml(&dt("2025-05-28T18:30:00"), &baku).unwrap();
        assert_eq!(rfc3339(&z), "2025-05-28T18:30:00+04:00");
        let z = from_toml(&dt("2025-05-28"), &baku).unwrap();
        assert_eq!(rfc3339(&z), "2025-05-28T00:00:00+04:00");
    }

    #[test]
    fn quoted_dates_and_bare_days_are_dates() {
        let baku = TimeZone::get("Asia/Baku").unwrap();
        let quoted = toml::Value::String("2025-05-28T18:30:00+04:00".into());
        assert_eq!(
            rfc3339(&from_value(&quoted, &baku).unwrap()),
            "2025-05-28T18:30:00+04:00"
        );
        let day = toml::Value::String("2025-05-28".into());
        assert_eq!(
            rfc3339(&from_value(&day, &baku).unwrap()),
            "2025-05-28T00:00:00+04:00"
        );
        assert!(from_value(&toml::Value::String("tomorrow".into()), &baku).is_err());
        assert_eq!(
            parse_moment("2025-06-01").unwrap().to_string(),
            "2025-06-01T00:00:00Z"
        );
        assert!(parse_moment("soon").is_err());
    }

    #[test]
    fn dates_with_offset_keep_their_moment() {
        let baku = TimeZone::get("Asia/Baku").unwrap();
        let z = from_toml(&dt("2025-05-28T12:00:00Z"), &baku).unwrap();
        assert_eq!(rfc3339(&z), "2025-05-28T16:00:00+04:00");
        assert_eq!(display(&z, None), "28 May 2025, 16:00 UTC+4");
    }
}
