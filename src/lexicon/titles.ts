/**
 * Titles lexicon for name resolution: honorifics and role titles that stand before a person's name
 * ("President", "Mr", "Foreign Minister", "NATO chief", "Rear Admiral") and are never part of the
 * canonical name. Word level, lower case, without the final dot ("dr" covers "Dr."). Plain data,
 * imports nothing; used by resolve/ to strip titles and to record roles.
 */

/** Honorifics: forms of address that are not roles (dropped, never recorded as a role). */
export const HONORIFIC_WORDS: readonly string[] = [
  'mr', 'mrs', 'ms', 'miss', 'mx', 'messrs', 'mme', 'mlle', 'madam', 'madame', 'monsieur', 'herr', 'frau', 'senor',
  'senora', 'sir', 'dame', 'dr', 'doctor', 'prof', 'professor', 'hon', 'honourable', 'honorable', 'rt', 'excellency',
];

/**
 * Words that make up role titles ("secretary general", "foreign minister", "chief of staff"). Some are
 * modifiers that only occur inside a title ("foreign", "deputy"); they are dropped only when a title
 * word follows them inside the leading run of the name (see resolve/names.ts).
 * Words that are also common first names or surnames (dean, earl, major, bishop) are left out.
 */
export const TITLE_WORDS: readonly string[] = [
  // heads of state and government
  'president', 'president-elect', 'vice-president', 'premier', 'chancellor', 'emperor', 'empress', 'king', 'queen',
  'prince', 'princess', 'emir', 'sultan', 'sheikh', 'shaikh', 'monarch', 'tsar', 'czar', 'pharaoh',
  // ministers and officials
  'minister', 'ministers', 'secretary', 'secretary-general', 'undersecretary', 'under-secretary', 'governor',
  'lieutenant-governor', 'mayor', 'senator', 'sen', 'rep', 'representative', 'congressman', 'congresswoman',
  'assemblyman', 'assemblywoman', 'councilman', 'councilwoman', 'councillor', 'councilor', 'lawmaker', 'legislator',
  'mp', 'mep', 'speaker', 'ambassador', 'envoy', 'consul', 'diplomat', 'commissioner', 'ombudsman', 'spokesman',
  'spokeswoman', 'spokesperson', 'spokespeople', 'official', 'officials', 'aide', 'adviser', 'advisor', 'counsellor',
  'counselor', 'attache', 'delegate', 'negotiator', 'chairman', 'chairwoman', 'chairperson', 'chair', 'chief',
  'head', 'leader', 'director', 'director-general', 'administrator', 'superintendent', 'registrar', 'treasurer',
  'comptroller', 'auditor', 'inspector', 'inspector-general', 'attorney', 'attorney-general', 'prosecutor', 'judge',
  'magistrate', 'coroner', 'sheriff', 'deputy', 'marshal', 'constable', 'officer', 'trooper', 'detective', 'det',
  'sergeant', 'sgt', 'agent', 'warden', 'chief-of-staff',
  // abbreviations written before names
  'gov', 'pres', 'sec', 'amb', 'atty', 'supt', 'insp', 'dep', 'cllr', 'fr', 'msgr', 'adm', 'gen', 'lt-gen',
  // military
  'general', 'gen', 'lieutenant', 'lt', 'colonel', 'col', 'captain', 'capt', 'cpt', 'commander', 'cmdr', 'admiral',
  'adm', 'brigadier', 'brig', 'corporal', 'cpl', 'private', 'pvt', 'commodore', 'field-marshal', 'maj', 'gen.',
  // religious
  'pope', 'cardinal', 'archbishop', 'rabbi', 'imam', 'ayatollah', 'mullah', 'reverend', 'rev', 'pastor', 'father',
  'sister', 'brother', 'patriarch', 'metropolitan', 'grand-mufti', 'mufti',
  // business, sport, media and other roles written before a name
  'ceo', 'cfo', 'coo', 'cto', 'founder', 'co-founder', 'executive', 'boss', 'owner', 'president-ceo', 'manager',
  'coach', 'trainer', 'captain', 'striker', 'midfielder', 'defender', 'goalkeeper', 'quarterback', 'pitcher',
  'guard', 'forward', 'linebacker', 'receiver', 'player', 'star', 'actor', 'actress', 'singer', 'rapper', 'musician',
  'comedian', 'host', 'anchor', 'presenter', 'correspondent', 'reporter', 'journalist', 'editor', 'columnist',
  'analyst', 'economist', 'professor', 'lecturer', 'researcher', 'scientist', 'author', 'writer', 'novelist',
  'director', 'producer', 'publicist', 'rep', 'lawyer', 'barrister', 'solicitor', 'activist', 'campaigner',
  'candidate', 'nominee', 'challenger', 'incumbent', 'contender', 'dictator', 'strongman', 'warlord', 'militant',
  'commander-in-chief', 'surgeon', 'dr', 'nurse', 'paramedic', 'firefighter', 'teacher', 'principal', 'student',
  'mother', 'father', 'wife', 'husband', 'son', 'daughter', 'widow', 'victim', 'suspect', 'gunman', 'teen', 'teenager',
];

/** Words that occur inside titles but are no role on their own ("foreign", "deputy", "national"). */
export const TITLE_MODIFIER_WORDS: readonly string[] = [
  'former', 'ex', 'ex-president', 'late', 'acting', 'interim', 'incoming', 'outgoing', 'then', 'elect', 'vice',
  'deputy', 'assistant', 'associate', 'senior', 'junior', 'top', 'chief', 'prime', 'foreign', 'defence', 'defense',
  'interior', 'home', 'finance', 'treasury', 'exchequer', 'economy', 'economic', 'trade', 'health', 'justice', 'energy',
  'education', 'environment', 'labour', 'labor', 'culture', 'transport', 'agriculture', 'security', 'national',
  'state', 'press', 'communications', 'information', 'intelligence', 'military', 'army', 'navy', 'naval', 'air',
  'force', 'rear', 'field', 'staff', 'affairs', 'ministry', 'department', 'office', 'council', 'party', 'opposition',
  'ruling', 'supreme', 'grand', 'high', 'special', 'general-secretary', 'managing', 'executive', 'team', 'club',
  'police', 'fire', 'county', 'district', 'city', 'regional', 'provincial', 'local', 'federal', 'presidential',
];

/** Multi-word titles whose every word is also a name-like word on its own ("Secretary of State"). */
export const TITLE_PHRASES: readonly string[] = [
  'secretary of state', 'secretary of defense', 'secretary of defence', 'chief of staff', 'minister of state',
  'director of communications', 'head of state', 'head of government', 'commander in chief',
];
