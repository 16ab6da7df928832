/**
 * What each option's value is, as help names it (`--total <amount>`): one
 * word per kind of value, the same for every command, in the reader's
 * language (`ph.*` keys of the catalogue). A value that is one of a few
 * words is shown as them (`--role <gestion|commercial|support>`).
 */
export const PLACEHOLDERS: Readonly<Record<string, string>> = {
  '--name': 'ph.name',
  '--email': 'ph.email',
  '--phone': 'ph.phone',
  '--company': 'ph.company',
  '--commercial': 'ph.user',
  '--support': 'ph.user',
  '--reassign-to': 'ph.user',
  '--user': 'ph.user',
  '--client': 'ph.client',
  '--contract': 'ph.contract',
  '--total': 'ph.amount',
  '--remaining': 'ph.amount',
  '--amount': 'ph.amount',
  '--start': 'ph.dateTime',
  '--end': 'ph.dateTime',
  '--at': 'ph.dateTime',
  '--since': 'ph.dateTime',
  '--from': 'ph.dateTime',
  '--to': 'ph.dateTime',
  '--location': 'ph.address',
  '--attendees': 'ph.count',
  '--limit': 'ph.count',
  '--sort': 'ph.field',
  '--notes': 'ph.text',
  '--search': 'ph.text',
  '--reason': 'ph.text',
  '--expect': 'ph.digest',
  '--output': 'ph.file',
  '--heartbeat': 'ph.file',
  '--interval': 'ph.milliseconds',
  '--idempotency-key': 'ph.key',
};

/** Options whose value is one of a few words: shown as them. */
export const CHOICES: Readonly<Record<string, string>> = {
  '--role': 'gestion|commercial|support',
  '--format': 'csv|json',
  '--delimiter': ',|;|tab',
};
