import type { Channel, Priority } from '../../shared/domain/ticket';

export type DemoTicket = {
  title: string;
  description: string;
  category: string;
  priority: Priority;
  channel: Channel;
  requester: string;
  contact: string;
  resolution: string;
  /** Tags the taker adds right after creating the ticket. */
  tags?: string[];
};

/** Calls a corporate IT desk gets every week (names and machines are made up). */
export const DEMO_TICKETS: DemoTicket[] = [
  { title: 'Password expired, locked out of Windows', description: 'Changed password on phone, now laptop says account locked.', category: 'access', priority: 'high', channel: 'phone', requester: 'Marta Kowalski', contact: 'ext. 2231', resolution: 'Unlocked the account in AD and walked the user through a password change on the laptop.' },
  { title: 'VPN error 809 from home', description: 'GlobalConnect VPN fails with error 809 since the router was replaced.', category: 'network', priority: 'high', channel: 'phone', requester: 'Jonas Berg', contact: 'jonas.berg@example.com', resolution: 'New router blocked IPsec passthrough; enabled it with the user and VPN connects.', tags: ['vpn', 'home-office'] },
  { title: 'Printer on floor 3 jams every second page', description: 'HP LaserJet near the kitchen jams on tray 2.', category: 'printing', priority: 'normal', channel: 'walk-in', requester: 'Aisha Rahman', contact: 'ext. 3310', resolution: 'Replaced the tray 2 pickup roller.' },
  { title: 'Outlook keeps asking for password', description: 'Credential prompt every few minutes since this morning.', category: 'email', priority: 'normal', channel: 'email', requester: 'Peter Novak', contact: 'peter.novak@example.com', resolution: 'Removed stale credentials from Credential Manager and re-created the Outlook profile.' },
  { title: 'Laptop does not boot, blinking caps lock', description: 'Dell Latitude shows three blinks on caps lock, no screen.', category: 'hardware', priority: 'urgent', channel: 'walk-in', requester: 'Lucia Ferrari', contact: 'ext. 4102', resolution: 'Memory module failure; swapped the laptop and restored files from OneDrive.', tags: ['laptop'] },
  { title: 'Need access to the Finance shared drive', description: 'New in the controlling team, manager approved by email.', category: 'access', priority: 'low', channel: 'self-service', requester: 'Tom Becker', contact: 'tom.becker@example.com', resolution: 'Added to the FIN-Share-RW group after manager approval.' },
  { title: 'Teams calls drop after 30 seconds', description: 'Every Teams call drops, chat works.', category: 'software', priority: 'high', channel: 'phone', requester: 'Ines Duarte', contact: 'ext. 1187', resolution: 'Headset firmware bug; updated the Jabra firmware.', tags: ['teams', 'headset'] },
  { title: 'Wi-Fi in meeting room B unusable', description: 'Guests and staff cannot connect in room B since Monday.', category: 'network', priority: 'normal', channel: 'email', requester: 'Facilities desk', contact: 'facilities@example.com', resolution: 'Access point had failed; replaced it and checked coverage.' },
  { title: 'Excel crashes opening the budget workbook', description: 'Excel closes without error when opening Budget2027.xlsx.', category: 'software', priority: 'normal', channel: 'phone', requester: 'Hanna Lind', contact: 'ext. 2204', resolution: 'Disabled a broken add-in and repaired Office.' },
  { title: 'New starter needs laptop and accounts Monday', description: 'Sales hire starting Monday: laptop, email, CRM access.', category: 'access', priority: 'normal', channel: 'email', requester: 'HR onboarding', contact: 'hr@example.com', resolution: 'Laptop imaged, accounts created, CRM licence assigned.', tags: ['onboarding', 'laptop'] },
  { title: 'Desk phone shows "No service"', description: 'Cisco phone at desk 4-17 shows no service after office move.', category: 'telephony', priority: 'normal', channel: 'walk-in', requester: 'Omar Haddad', contact: 'ext. 4417', resolution: 'Patched the wall port to the voice VLAN.' },
  { title: 'Mailbox full, cannot send', description: 'Outlook says mailbox is over its limit.', category: 'email', priority: 'high', channel: 'phone', requester: 'Greta Vogel', contact: 'ext. 1990', resolution: 'Enabled the online archive and moved mail older than two years.' },
  { title: 'Second monitor not detected', description: 'Docking station: second screen stays black.', category: 'hardware', priority: 'low', channel: 'self-service', requester: 'Samuel Okafor', contact: 'samuel.okafor@example.com', resolution: 'Updated the dock firmware and display driver.' },
  { title: 'ERP client shows certificate error', description: 'SAP GUI warns about an untrusted certificate since this morning.', category: 'software', priority: 'urgent', channel: 'phone', requester: 'Warehouse office', contact: 'ext. 5001', resolution: 'Renewed certificate deployed to clients by group policy.' },
  { title: 'Cannot scan to email', description: 'Multifunction printer on floor 2 fails to send scans.', category: 'printing', priority: 'normal', channel: 'email', requester: 'Clara Moreau', contact: 'clara.moreau@example.com', resolution: 'SMTP relay password had changed; updated it on the device.' },
  { title: 'Phishing email reported', description: 'Suspicious invoice email with a link to a fake login page.', category: 'email', priority: 'high', channel: 'self-service', requester: 'Liam Walsh', contact: 'liam.walsh@example.com', resolution: 'Purged the message from all mailboxes and blocked the sender domain.', tags: ['security'] },
];
