import type { FoundSlot, MeetingSlot, Recurrence } from '../meeting-slot';
import { heading, paragraph } from './blocks';
import { capitalised, formatDate, partnerFirstName, type DateInput } from './format';
import { durationInWords, readerTimeRuns } from './meeting-times';
import type { Block } from './types';
import { dateTimeFormat } from '../intl';
import { utcOffsetMinutes } from '../matching/time-windows';

/** The proposed slot as a reader sees it: their own date, weekday, time and zone; the partner's time beside it. */
export interface MeetingProposal {
  readonly slot: MeetingSlot;
  readonly partner: { readonly name: string; readonly timeZone: string };
}

const WEEKS = ['', 'every week', 'every two weeks', 'every three weeks'];

export function cadenceText(recurrence: Recurrence): string {
  return recurrence.freq === 'MONTHLY' ? 'once a month' : (WEEKS[recurrence.interval] ?? `every ${recurrence.interval} weeks`);
}

/** "15:00" in the zone. */
export function timeIn(iso: string, timeZone: string): string {
  return dateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

/** "Central European Standard Time (Europe/Berlin)": the zone's name on that date, and its IANA id. */
export function zoneName(iso: string, timeZone: string): string {
  const name = dateTimeFormat('en-GB', { timeZone, timeZoneName: 'long' })
    .formatToParts(new Date(iso))
    .find((p) => p.type === 'timeZoneName')?.value;
  return name && name !== timeZone ? `${name} (${timeZone})` : timeZone;
}

/** "Tuesday 19 January 2027 at 15:00 Central European Standard Time (Europe/Berlin)" */
export function whenIn(iso: string, timeZone: string): string {
  return `${formatDate(iso, timeZone)} at ${timeIn(iso, timeZone)} ${zoneName(iso, timeZone)}`;
}

/**
 * "For Sam that is 14:00 Pacific Standard Time": on the partner's own date when it is another day
 * than the reader's (Auckland and Los Angeles), so that nobody says "see you Thursday" to someone
 * for whom it is Wednesday.
 */
function partnerTime(iso: string, partner: string, partnerZone: string, readerZone: string): string {
  const at = `${timeIn(iso, partnerZone)} ${zoneName(iso, partnerZone)}`;
  const theirDay = formatDate(iso, partnerZone);
  return theirDay === formatDate(iso, readerZone)
    ? `For ${partner} that is ${at}.`
    : `For ${partner} that is ${theirDay} at ${at}: another day where they are.`;
}

/** "4 hours 30 minutes", "1 hour", "45 minutes": a gap between two clocks. */
function gapInWords(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const h = hours === 0 ? [] : [`${hours} ${hours === 1 ? 'hour' : 'hours'}`];
  return [...h, ...(rest === 0 ? [] : [`${rest} minutes`])].join(' ');
}

/**
 * " Priya is in India Standard Time (Asia/Kolkata), 4 hours 30 minutes ahead of you: 09:00 for you
 * is 13:30 for Priya.": where the partner is, for a pair who must agree a time themselves (no slot
 * was found, so no "for Priya that is ..." names it). On the day `at`, as the zones' names and the
 * gap between them change with the clocks; nothing when both are in the same zone.
 */
function partnerZoneSentence(partner: string, partnerZone: string, readerZone: string, at: DateInput | undefined): string {
  const when = at === undefined ? Number.NaN : new Date(at).getTime();
  if (partnerZone === readerZone || Number.isNaN(when)) return '';
  const where = `${capitalised(partner)} is in ${zoneName(new Date(when).toISOString(), partnerZone)}`;
  const gap = utcOffsetMinutes(partnerZone, when) - utcOffsetMinutes(readerZone, when);
  if (gap === 0) return ` ${where}, on the same clock as you.`;
  const theirs = 9 * 60 + gap;
  const day = theirs < 0 ? ' the day before' : theirs >= 24 * 60 ? ' the next day' : '';
  const clock = ((theirs % 1440) + 1440) % 1440;
  const hhmm = `${String(Math.floor(clock / 60)).padStart(2, '0')}:${String(clock % 60).padStart(2, '0')}`;
  return ` ${where}, ${gapInWords(Math.abs(gap))} ${gap > 0 ? 'ahead of' : 'behind'} you: 09:00 for you is ${hhmm}${day} for ${partner}.`;
}

/**
 * The "A time to meet" section of the introduction. `at`: the day the partner's zone is named for
 * when no time is suggested (the introduction's answer deadline); without it, it is not named.
 * `series: 'new'`: a schedule change's series for a pair that may have met already, whose first
 * meeting is the new series' first, not their first (QA hr7).
 */
export function meetingBlocks(proposal: MeetingProposal, readerZone: string, at?: DateInput, series: 'first' | 'new' = 'first'): Block[] {
  const { slot } = proposal;
  const partner = partnerFirstName(proposal.partner.name);
  if (!slot.found) {
    // The enrolment email promises each sees the other's zone: named here, as no meeting time does it.
    const zone = partnerZoneSentence(partner, proposal.partner.timeZone, readerZone, at);
    return [
      heading('A time to meet'),
      paragraph(
        slot.busy
          ? `Every time that suits both you and ${partner} is already taken by the regular meeting of another pairing in the program, so we cannot suggest a regular time.${zone} Please agree a time together that suits you both.`
          : slot.outsideWorkingHours
            ? `The times you and ${partner} are both available fall outside the program's working hours, so we do not suggest a regular time.${zone} Please agree a time together that suits you both; a video call at the edge of one person's day often works.`
            : `Your availability and working hours do not overlap with ${partner}'s in a normal week, so we cannot suggest a regular time.${zone} Please agree a time together that suits you both; a video call at the edge of one person's day often works.`,
      ),
    ];
  }
  const blocks: Block[] = [
    heading('A time to meet'),
    paragraph(
      `We suggest you meet ${cadenceText(slot.recurrence)}, for ${slot.durationMinutes} minutes, at a time inside both your availability and working hours. ${series === 'new' ? 'The first meeting of the new series' : 'Your first meeting'}: `,
      { strong: whenIn(slot.start, readerZone) },
      readerZone === proposal.partner.timeZone ? '.' : `. ${partnerTime(slot.start, partner, proposal.partner.timeZone, readerZone)}`,
    ),
    paragraph(
      `The calendar invitation attached adds the whole series to your calendar in one click. It keeps its time in ${slot.timeZone} time${movesInReaderZone(slot, readerZone)}. If it does not suit you, agree another time together and move it in your calendar.`,
    ),
  ];
  if (slot.skipped.length > 0) blocks.push(paragraph("There is no meeting in the series on the program's holidays."));
  if (slot.outsideHours > 0)
    blocks.push(
      paragraph(
        `Around a change of the clocks, ${slot.outsideHours === 1 ? 'one meeting falls' : `${slot.outsideHours} meetings fall`} outside one of your usual hours: move ${slot.outsideHours === 1 ? 'it' : 'those'} together.`,
      ),
    );
  return blocks;
}

/**
 * How the reader's time moves over the series, computed from both zones' real offsets on each
 * meeting's date: nothing when it never moves (the same zone, or zones that change their clocks
 * together), else each time with the dates it holds.
 */
function movesInReaderZone(slot: FoundSlot, readerZone: string): string {
  if (readerZone === slot.timeZone) return '';
  const runs = readerTimeRuns(slot, readerZone);
  if (runs.length <= 1) return '';
  const shifts = [...new Set(runs.map((r) => Math.abs(r.shiftMinutes)).filter((m) => m !== 0))];
  const by = shifts.length === 1 ? `by ${durationInWords(shifts[0]!)}` : `by up to ${durationInWords(Math.max(...shifts))}`;
  const day = (iso: string) => formatDate(iso, readerZone);
  const spans = runs.map((r, i) => {
    const at = `at ${timeIn(r.from, readerZone)}`;
    if (r.from === r.to) return `${at} on ${day(r.from)}`;
    if (i === 0) return `${at} until ${day(r.to)}`;
    if (i === runs.length - 1) return `${at} from ${day(r.from)} to the end of the series`;
    return `${at} from ${day(r.from)} to ${day(r.to)}`;
  });
  return `, and your two zones do not change their clocks together, so the time in yours moves ${by}: ${spans.join(', then ')}`;
}
