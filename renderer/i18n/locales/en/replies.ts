/**
 * Texts of canned replies: the supervisors' view that manages them and the picker of the note form.
 * Placeholders such as {{caller.name}} are never written here: i18next would read them as its own;
 * they reach these texts as values (`{{placeholder}}`).
 */
export const replies = {
  open: 'Replies',
  title: 'Canned replies',
  close: 'Back to queue',
  intro: 'Shared texts every technician can put into a note (Alt+Q in the note). Placeholders are filled in from the ticket.',
  newReply: 'New reply',
  listLabel: 'Canned replies',
  empty: 'No canned replies yet.',
  edit: 'Edit',
  editLabel: 'Edit {{title}}',
  delete: 'Delete',
  deleteLabel: 'Delete {{title}}',
  changedBy: 'Changed by {{name}}, {{when}}',
  unknownUser: 'someone',
  saved: 'Saved “{{title}}”. Every console gets it with its next sync.',
  deleted: 'Deleted “{{title}}”.',
  refusal: {
    forbidden: 'Only supervisors and administrators manage canned replies.',
    notFound: 'This reply no longer exists: someone deleted it meanwhile.',
  },
  confirmDelete: {
    title: 'Delete canned reply',
    text: 'Delete “{{title}}” from every console? Notes that used it keep their text.',
    confirm: 'Delete reply',
    cancel: 'Cancel',
  },
  editor: {
    newTitle: 'New canned reply',
    editTitle: 'Edit canned reply',
    title: 'Title',
    body: 'Text',
    save: 'Save reply',
    cancel: 'Cancel',
    placeholders: 'Placeholders, filled in when the reply is inserted:',
    insert: 'Insert {{placeholder}}: {{meaning}}',
    unknown: 'Not a placeholder, will be inserted as written: {{list}}',
    blank: 'must not be blank',
    tooLong: 'at most {{max}} characters',
  },
  meaning: {
    callerName: 'the caller’s name',
    ticketCode: 'the ticket’s code',
    ticketTitle: 'the ticket’s title',
    technicianName: 'your name',
  },
  picker: {
    title: 'Insert a canned reply',
    search: 'Search canned replies',
    listLabel: 'Canned replies',
    empty: 'No reply matches.',
    none: 'There are no canned replies yet. Supervisors write them.',
    hint: 'Arrows choose, Enter inserts at the cursor, Escape goes back to the note.',
  },
};
