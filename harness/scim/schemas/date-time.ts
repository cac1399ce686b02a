/**
 * The SCIM dateTime check: an xsd:dateTime with both a date and a time; the
 * time-zone offset is optional, as in XML Schema.
 * @see RFC 7643 §2.3.5, XML Schema Part 2 §3.2.7
 */

const XSD_DATE_TIME = /^(-?\d{4,})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.\d+)?(?:Z|[+-](\d\d):(\d\d))?$/;

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one; Date.UTC handles leap years.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Whether `value` is a valid xsd:dateTime, e.g. `2008-01-23T04:56:22Z`. @see RFC 7643 §2.3.5 */
export function isXsdDateTime(value: string): boolean {
  const match = XSD_DATE_TIME.exec(value);
  if (!match) return false;
  const [year, month, day, hour, minute, second, offsetHours, offsetMinutes] = match
    .slice(1)
    .map(Number) as number[];
  if (month! < 1 || month! > 12 || day! < 1 || day! > daysInMonth(year!, month!)) return false;
  // xsd:dateTime allows 24:00:00 as the end of a day.
  const endOfDay = hour === 24 && minute === 0 && second === 0;
  if (!endOfDay && (hour! > 23 || minute! > 59 || second! > 59)) return false;
  if (offsetHours === undefined || Number.isNaN(offsetHours)) return true;
  return offsetMinutes! <= 59 && (offsetHours < 14 || (offsetHours === 14 && offsetMinutes === 0));
}
