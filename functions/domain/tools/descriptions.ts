/** What the model reads about each tool. Limits the server enforces are stated here, since VAPI's schema cannot. */

export const GET_AVAILABILITY = [
  "Finds open times for a property viewing on the property manager's calendar.",
  "Dates and times are in the property's local time.",
  'Returns a few options, each with a start time and a spoken form: ' +
    'offer those options to the caller, reading the spoken form.',
  'Never invent, round or shift times; only offer times this tool returned.',
  'If nothing is free, the result says why; suggest another day or part of the day and call this tool again.',
  'duration_minutes is a whole number from 15 to 240; property_address at most 200 characters, date 100.',
].join(' ');

export const SET_APPOINTMENT = [
  "Books a property viewing on the property manager's calendar.",
  'Call it only after the caller has chosen one of the times get_availability returned, ' +
    "and pass that time's start value unchanged as start_time.",
  "Ask for the caller's name before booking; their phone number is taken from the call unless they give another.",
  "Dates and times are in the property's local time.",
  'If the time has just been taken, the result says so: offer the other options instead. ' +
    'Confirm the booked time to the caller from the result.',
  'If this call holds the time (hold_slot), booking it converts the hold.',
  'Limits: start_time at most 200 characters, attendee_name 100, attendee_phone 32, attendee_email 254,',
  'property_address 200, notes 1000; duration_minutes a whole number from 15 to 240.',
].join(' ');

export const FIND_APPOINTMENT = [
  "Finds the caller's upcoming appointments (at most 3, soonest first), by the number they are calling from,",
  'or by the confirmation code they were given when they booked.',
  'Call it before rescheduling or cancelling, and use the id it returns; never invent ids.',
  'If nothing is found for the number, ask the caller for their confirmation code and call it again with it.',
  'Read back only what the result says. attendee_name (at most 100 characters) and date (YYYY-MM-DD) narrow it.',
].join(' ');

export const HOLD_SLOT = [
  'Holds one of the times get_availability returned for this call for a few minutes,',
  'so nobody else can take it while the caller gives their details.',
  'Pass the start value unchanged. A new hold replaces the previous one.',
  'Then book it with set_appointment (same start_time). The hold ends by itself when the call ends.',
  'start_time is at most 200 characters; duration_minutes a whole number from 15 to 240.',
].join(' ');

export const RESCHEDULE_APPOINTMENT = [
  "Moves the caller's appointment to a new time: the same calendar event moves, so the invitation is updated.",
  'Pass the appointment_id from find_appointment, and the confirmation code too if the caller said one',
  '(an appointment found by its code is only theirs with the code); as new_start_time pass',
  'a start value returned by get_availability, unchanged.',
  'If the new time is taken, the result says so with alternatives, and the appointment keeps its old time.',
  'appointment_id is at most 100 characters, new_start_time 200.',
].join(' ');

export const CANCEL_APPOINTMENT = [
  "Cancels the caller's appointment. Confirm with the caller first which appointment and that they want to cancel.",
  'Pass the appointment_id (at most 100 characters) from find_appointment, and the confirmation code too if the',
  'caller said one (an appointment found by its code is only theirs with the code);',
  'reason is optional, at most 300 characters.',
].join(' ');

/** What VAPI says while each tool runs and if it fails (vapi.md §2). */
export const SPOKEN = {
  get_availability: {
    start: 'One moment while I check the calendar.',
    delayed: 'Still checking, thanks for waiting.',
    failed: "Sorry, I couldn't reach the calendar just now.",
  },
  set_appointment: {
    start: 'One moment while I book that for you.',
    delayed: 'Still working on the booking, thanks for waiting.',
    failed: "Sorry, I couldn't complete the booking just now.",
  },
  find_appointment: {
    start: 'One moment while I look that up.',
    delayed: 'Still looking, thanks for waiting.',
    failed: "Sorry, I couldn't look up appointments just now.",
  },
  hold_slot: {
    start: 'One moment while I hold that time.',
    delayed: 'Still working on it, thanks for waiting.',
    failed: "Sorry, I couldn't hold that time just now.",
  },
  reschedule_appointment: {
    start: 'One moment while I move your appointment.',
    delayed: 'Still working on it, thanks for waiting.',
    failed: "Sorry, I couldn't move the appointment just now.",
  },
  cancel_appointment: {
    start: 'One moment while I cancel that.',
    delayed: 'Still working on it, thanks for waiting.',
    failed: "Sorry, I couldn't cancel the appointment just now.",
  },
} as const;
