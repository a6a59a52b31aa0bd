/** Calls and new tickets: the header, the new-ticket and call dialog, and "Take next". */
export const call = {
  header: {
    brandSub: 'Help desk',
    newTicket: 'New ticket',
    answerCall: 'Answer call',
    takeNext: 'Take next',
    signOut: 'Sign out',
    role: {
      tierTechnician: 'Tier {{tier}} technician',
      technician: 'Technician',
      supervisor: 'Supervisor',
      admin: 'Administrator',
    },
  },
  commands: {
    answerCall: 'Answer call and start the call timer',
    takeNext: 'Take next unassigned ticket',
  },
  takeNext: {
    none: 'No unassigned tickets at tier {{tier}}.',
    refused: 'Could not take a ticket: {{message}}',
    dismiss: 'Dismiss',
  },
  dialog: {
    newTicket: 'New ticket',
    created: 'Ticket created',
    callNewTicket: 'Call: new ticket',
    callCreated: 'Call: ticket created',
  },
  timer: {
    label: 'Call time',
    running: 'On the call',
    ended: 'Call ended',
    endCall: 'End call',
    hangUpHint: 'Closing this dialog ends the call.',
  },
  form: {
    requesterName: 'Requester name',
    contact: 'Contact',
    contactPlaceholder: 'Phone, extension or e-mail',
    title: 'Title',
    description: 'Description',
    category: 'Category',
    priority: 'Priority',
    channel: 'Channel',
    create: 'Create ticket',
    cancel: 'Cancel',
    fixFields: 'Please correct the marked fields.',
  },
  fieldError: {
    blank: 'must not be blank',
    tooLong: 'at most {{max}} characters',
  },
  priority: { low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' },
  channel: { phone: 'Phone', email: 'E-mail', 'walk-in': 'Walk-in', 'self-service': 'Self-service' },
  created: {
    lead: 'Give the caller this code:',
    copyCode: 'Copy code',
    number: 'Number',
    title: 'Title',
    notSynced: 'not yet synced',
    another: 'Another ticket',
    close: 'Close',
    open: 'Open ticket',
  },
  /** For the ticket detail's facts: the time spent on the phone (`ticket.callMs`). */
  callDuration: 'Call time',
};
