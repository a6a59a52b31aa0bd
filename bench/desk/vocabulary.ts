/*
 * Words of the generated desk (bench/desk/ticketText.ts fills them in): an Indonesian company's IT
 * help desk, in English as its technicians write. Templates hold slots such as `{app}`; the slot
 * values make the rare words (asset tags, extensions, error numbers) a search looks for.
 * Weights make a few categories and titles take most tickets, as on a real desk.
 */

export type Weighted<T> = readonly [T, number];

export type TitleTemplate = { title: string; description: string };

/** Category, share of tickets, and its titles with a description each (a share of one, or as weighted). */
export const CATEGORIES: ReadonlyArray<Weighted<{ name: string; titles: ReadonlyArray<Weighted<TitleTemplate>> }>> = [
  [
    {
      name: 'access',
      titles: [
        [{ title: 'Password reset for {app}', description: '{person} forgot the {app} password after the holidays and is locked out.' }, 6],
        [{ title: 'Account locked out after too many attempts', description: 'Locked out since this morning; tried the old password on the phone too.' }, 5],
        [
          {
            title: 'Need access to the {share} folder',
            description: 'New role in {dept}: needs read and write on \\\\{server}\\{share}. Approved by the manager.',
          },
          3,
        ],
        [{ title: 'MFA token lost, cannot sign in', description: 'Authenticator was on the old phone. Needs a new enrolment before the {app} deadline.' }, 2],
        [{ title: 'New starter account for {dept}', description: 'Starts on Monday at {site}: email, {app}, VPN and a laptop.' }, 2],
        [{ title: 'Keycard does not open the {site} server room', description: 'Badge reader blinks red. Access was approved last week.' }, 0.2],
      ],
    },
    14,
  ],
  [
    {
      name: 'email',
      titles: [
        [{ title: 'Outlook keeps asking for password', description: 'Outlook on {asset} prompts for the password every few minutes since the update.' }, 8],
        [{ title: 'Cannot send mail to external addresses', description: 'Mail to customers bounces with {smtp}. Internal mail works.' }, 4],
        [{ title: 'Mailbox full', description: 'Mailbox of {person} is at its quota; cannot send. Archive is not set up.' }, 4],
        [
          {
            title: 'Shared mailbox {dept} not visible in Outlook',
            description: 'The {dept} shared mailbox disappeared from the folder list after a profile rebuild.',
          },
          2,
        ],
        [{ title: 'Calendar invites not arriving', description: 'Meeting invites from {dept} never arrive; they are not in junk either.' }, 2],
        [{ title: 'Phishing email reported', description: 'Suspicious mail "invoice overdue" with an attachment, forwarded to the desk. Not opened.' }, 2],
      ],
    },
    18,
  ],
  [
    {
      name: 'network',
      titles: [
        [{ title: 'VPN error {vpn} from home', description: 'VPN client fails with error {vpn} on the home Wi-Fi; works on a phone hotspot.' }, 6],
        [{ title: 'Wi-Fi drops on floor {floor}', description: 'Wi-Fi disconnects every few minutes near the {room} meeting room, floor {floor}.' }, 4],
        [{ title: 'No network at desk {desk}', description: 'Network port at desk {desk} ({site}) shows no link; cable swapped already.' }, 3],
        [{ title: 'Slow internet at the {site} office', description: 'Everything is slow since 9 am at {site}; video calls freeze.' }, 3],
        [{ title: 'Cannot reach the file share {server}', description: 'Mapping \\\\{server}\\{share} fails with "network path not found".' }, 2],
        [{ title: 'Bluetooth headset pairing drops on {asset}', description: 'Pairs, then drops after a minute. Driver reinstalled once.' }, 0.3],
      ],
    },
    14,
  ],
  [
    {
      name: 'printing',
      titles: [
        [{ title: 'Printer {printer} jams on tray 2', description: 'Paper jams on tray 2 of {printer} on floor {floor}, every few pages.' }, 6],
        [{ title: 'Cannot print to {printer}', description: 'Jobs to {printer} stay in the queue; other people can print.' }, 6],
        [{ title: 'Toner low on {printer}', description: 'HP toner for {printer} is almost empty; please send a new cartridge.' }, 3],
        [{ title: 'Scan to email not working on {printer}', description: 'Scans from {printer} never reach the mailbox.' }, 2],
      ],
    },
    12,
  ],
  [
    {
      name: 'hardware',
      titles: [
        [{ title: 'Laptop {asset} will not boot', description: 'Laptop {asset} shows a black screen after the logo; charger light is on.' }, 4],
        [{ title: 'Broken screen on laptop {asset}', description: 'Screen of {asset} cracked in the bag. Needs a repair or a loan laptop.' }, 2],
        [{ title: 'Docking station does not detect monitors', description: 'Dock at desk {desk} does not show either monitor; laptop screen works.' }, 3],
        [{ title: 'Keyboard missing keys', description: 'Two keys came off the keyboard of {asset}.' }, 1],
        [{ title: 'Battery swelling on {asset}', description: 'Touchpad pushed up on {asset}; battery looks swollen. Stopped using it.' }, 0.5],
        [{ title: 'Request for a second monitor', description: 'Needs a second monitor at desk {desk} for {app} work.' }, 2],
        [{ title: 'Thunderbolt dock firmware fails on {asset}', description: 'Firmware update of the Thunderbolt dock stops at 60 %.' }, 0.15],
      ],
    },
    12,
  ],
  [
    {
      name: 'software',
      titles: [
        [{ title: '{app} crashes on start', description: '{app} closes right after the splash screen on {asset} since the last update.' }, 5],
        [{ title: 'Install {app} on {asset}', description: 'Please install {app} on {asset}; licence approved by {dept}.' }, 4],
        [{ title: '{app} licence expired', description: '{app} says the licence expired; others in {dept} have the same.' }, 2],
        [{ title: 'Excel macro error in the {dept} report', description: 'Monthly {dept} report macro stops with "run-time error 1004".' }, 2],
        [{ title: 'Windows update stuck on {asset}', description: 'Update on {asset} hangs at 30 % for an hour.' }, 2],
      ],
    },
    12,
  ],
  [
    {
      name: 'erp',
      titles: [
        [{ title: 'SAP transaction {tcode} error', description: 'Transaction {tcode} ends with a short dump when posting.' }, 3],
        [{ title: 'Cannot approve purchase order {po}', description: 'Approval of PO {po} fails: "no authorisation for release code".' }, 2],
        [{ title: 'Invoice posting fails in SAP', description: 'Invoice for {dept} cannot be posted: period closed message.' }, 2],
      ],
    },
    6,
  ],
  [
    {
      name: 'telephony',
      titles: [
        [{ title: 'Desk phone ext {ext} has no dial tone', description: 'Phone at ext {ext} shows "no service".' }, 3],
        [{ title: 'Voicemail PIN reset for ext {ext}', description: 'Forgot the voicemail PIN of ext {ext}.' }, 2],
        [{ title: 'Softphone echo on calls', description: 'Callers hear an echo on the softphone; headset is the standard one.' }, 1],
      ],
    },
    5,
  ],
  [
    {
      name: 'mobile',
      titles: [
        [{ title: 'Company phone not syncing mail', description: 'Mail on the company phone stopped syncing two days ago.' }, 2],
        [{ title: 'Enrol a new iPhone in MDM', description: 'New iPhone for {person}; needs MDM enrolment and mail.' }, 1],
        [{ title: 'Lost company phone', description: 'Phone lost on the way to {site}; please wipe it.' }, 0.5],
      ],
    },
    4,
  ],
  [
    {
      name: 'other',
      titles: [
        [{ title: 'Meeting room {room} display not working', description: 'The display in {room} shows "no signal" with every laptop.' }, 2],
        [{ title: 'Move desk to floor {floor}', description: '{person} moves to floor {floor} on Friday: phone, dock and monitors.' }, 1],
        [{ title: 'Question about the IT policy', description: 'May a personal laptop be used for {app}?' }, 1],
      ],
    },
    3,
  ],
];

export const APPS = ['SAP', 'Outlook', 'Teams', 'Excel', 'Zoom', 'AutoCAD', 'Power BI', 'Chrome', 'Acrobat', 'Jira', 'Slack', 'Tableau'] as const;
export const DEPARTMENTS = ['Finance', 'Sales', 'HR', 'Logistics', 'Procurement', 'Marketing', 'Legal', 'Engineering', 'Warehouse', 'Audit'] as const;
export const SITES = ['Jakarta HQ', 'Surabaya', 'Bandung', 'Medan', 'Semarang', 'Makassar', 'Denpasar', 'Batam'] as const;
export const ROOMS = ['Merapi', 'Bromo', 'Rinjani', 'Toba', 'Komodo', 'Kawi', 'Semeru', 'Dieng'] as const;
export const SERVERS = ['fs01', 'fs02', 'files-sby', 'nas-bdg', 'share-hq'] as const;
export const SHARES = ['finance', 'projects', 'hr-private', 'scans', 'contracts', 'marketing'] as const;
export const SMTP_ERRORS = ['550 5.7.1', '554 5.7.5', '451 4.7.0', '530 5.7.57'] as const;
export const VPN_ERRORS = ['809', '691', '720', '812', '868', '619'] as const;

export const FIRST_NAMES = [
  'Andi',
  'Budi',
  'Citra',
  'Dewi',
  'Eko',
  'Fitri',
  'Gilang',
  'Hendra',
  'Indah',
  'Joko',
  'Kartika',
  'Lestari',
  'Made',
  'Nur',
  'Oka',
  'Putri',
  'Rizky',
  'Sari',
  'Teguh',
  'Utami',
  'Wahyu',
  'Yuni',
  'Agus',
  'Bayu',
  'Dian',
  'Fajar',
  'Galih',
  'Hana',
  'Irfan',
  'Kevin',
  'Lina',
  'Maria',
  'Nanda',
  'Ratna',
  'Siti',
  'Tommy',
  'Vina',
  'Wulan',
  'Yoga',
  'Zahra',
  'Anna',
  'David',
  'Grace',
  'Michael',
  'Sarah',
  'Daniel',
  'Jessica',
  'Robert',
  'Linda',
  'Thomas',
] as const;
export const LAST_NAMES = [
  'Santoso',
  'Wijaya',
  'Pratama',
  'Saputra',
  'Hidayat',
  'Kusuma',
  'Nugroho',
  'Siregar',
  'Lubis',
  'Wibowo',
  'Halim',
  'Gunawan',
  'Susanto',
  'Hutapea',
  'Setiawan',
  'Purnomo',
  'Tanjung',
  'Sihombing',
  'Rahman',
  'Putra',
  'Lim',
  'Tan',
  'Sinaga',
  'Nasution',
  'Harahap',
  'Simanjuntak',
  'Wulandari',
  'Permana',
  'Suryadi',
  'Anggraini',
  'Chandra',
  'Effendi',
  'Kurniawan',
  'Mahendra',
  'Prasetyo',
  'Ramadhan',
  'Yulianto',
  'Hartono',
  'Salim',
  'Gozali',
] as const;

export const RESOLUTIONS: Readonly<Record<string, readonly string[]>> = {
  access: ['Password reset, user signed in.', 'Account unlocked.', 'Access granted to the folder.', 'New MFA enrolment done.'],
  email: [
    'Outlook profile rebuilt.',
    'Mailbox archive set up, quota cleared.',
    'Connector fixed, external mail flows.',
    'Phishing mail purged from all mailboxes.',
  ],
  network: ['VPN client reinstalled.', 'Access point on the floor restarted.', 'Port patched on the switch.', 'ISP line reset by the provider.'],
  printing: ['Jam cleared, rollers cleaned.', 'Printer queue cleared, driver reinstalled.', 'Toner delivered.', 'Scan SMTP settings corrected.'],
  hardware: ['Laptop swapped for a loan unit.', 'Repaired by the vendor.', 'Dock firmware updated.', 'Monitor delivered and set up.'],
  software: ['Application reinstalled.', 'Installed from the software centre.', 'Licence renewed.', 'Update applied after a restart.'],
  erp: ['Authorisation added by the SAP team.', 'Posting period opened.', 'Transaction fixed by a note from SAP.'],
  telephony: ['Phone re-registered.', 'Voicemail PIN reset.', 'Softphone audio settings corrected.'],
  mobile: ['Mail profile re-added.', 'Enrolled in MDM.', 'Device wiped remotely.'],
  other: ['Done.', 'Answered by email.', 'Display cable replaced.'],
};

export const NOTES = [
  'Called {person}, no answer; left a voicemail.',
  'Remote session done, waiting for the user to confirm.',
  'Ordered the part from the vendor, about three days.',
  'Checked the logs on {server}; nothing unusual.',
  'User confirms it works again after a restart.',
  'Same issue as last week at {site}.',
  'Escalation approved by the team lead.',
  'Asked {dept} for the manager approval.',
  'Sent the instructions for {app} by email.',
  'Cannot reproduce here; asked for a screenshot.',
] as const;

export const TAGS = ['vip', 'outage', 'vendor', 'new-starter', 'hardware-swap', 'repeat', 'audit', 'remote'] as const;

export const SESSION_STEPS = [
  'Connected with consent',
  'Cleared the cache',
  'Reinstalled the driver',
  'Restarted the service',
  'Checked the event log',
] as const;
