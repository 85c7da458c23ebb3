/**
 * Organisations lexicon: well-known organisations with their acronyms and their names in the languages
 * news is often translated from (French, Spanish, German, Turkish, Arabic transliterations), so that
 * "OSDH", "SOHR" and "Syrian Observatory for Human Rights", or "OTAN" and "NATO", resolve to one entity.
 * Only unambiguous acronyms are listed (no "AP" for "Associated Press": it is also a state and a party).
 * Plain data, imports nothing; used by resolve/.
 */

/** A well-known organisation: [type, full names (the first is canonical), acronyms and short names]. */
export type OrganizationEntry = readonly [type: 'organization' | 'place', names: readonly string[], short: readonly string[]];

export const ORGANIZATIONS: readonly OrganizationEntry[] = [
  // international organisations
  ['organization', ['North Atlantic Treaty Organization', 'North Atlantic Treaty Organisation', "Organisation du traité de l'Atlantique nord", 'Organización del Tratado del Atlántico Norte'], ['NATO', 'OTAN']],
  ['organization', ['United Nations', 'Nations Unies', 'Organisation des Nations unies', 'Naciones Unidas', 'Organización de las Naciones Unidas', 'Vereinte Nationen', 'Birleşmiş Milletler'], ['UN', 'U.N.', 'ONU']],
  ['organization', ['United Nations Security Council', 'UN Security Council', 'U.N. Security Council', 'Conseil de sécurité des Nations unies', 'Consejo de Seguridad de las Naciones Unidas'], ['UNSC']],
  ['organization', ['United Nations General Assembly', 'UN General Assembly'], ['UNGA']],
  ['organization', ['United Nations High Commissioner for Refugees', 'UN refugee agency', 'UN High Commissioner for Refugees'], ['UNHCR']],
  ['organization', ["United Nations Children's Fund", "UN Children's Fund"], ['UNICEF']],
  ['organization', ['United Nations Office for the Coordination of Humanitarian Affairs'], ['OCHA']],
  ['organization', ['United Nations Relief and Works Agency', 'United Nations Relief and Works Agency for Palestine Refugees'], ['UNRWA']],
  ['organization', ['United Nations Educational, Scientific and Cultural Organization'], ['UNESCO']],
  ['organization', ['United Nations Development Programme'], ['UNDP']],
  ['organization', ['World Food Programme', 'World Food Program', 'Programme alimentaire mondial'], ['WFP']],
  ['organization', ['World Health Organization', 'World Health Organisation', 'Organisation mondiale de la santé', 'Organización Mundial de la Salud', 'Weltgesundheitsorganisation'], ['WHO', 'OMS']],
  ['organization', ['International Monetary Fund', 'Fonds monétaire international', 'Fondo Monetario Internacional'], ['IMF', 'FMI']],
  ['organization', ['World Bank', 'Banque mondiale', 'Banco Mundial'], []],
  ['organization', ['World Trade Organization', 'World Trade Organisation', 'Organisation mondiale du commerce', 'Organización Mundial del Comercio'], ['WTO', 'OMC']],
  ['organization', ['International Atomic Energy Agency', "Agence internationale de l'énergie atomique"], ['IAEA', 'AIEA']],
  ['organization', ['Organization for Security and Co-operation in Europe', 'Organisation for Security and Co-operation in Europe', 'Organization for Security and Cooperation in Europe'], ['OSCE', 'OSZE']],
  ['organization', ['Organisation for Economic Co-operation and Development', 'Organization for Economic Cooperation and Development'], ['OECD', 'OCDE']],
  ['organization', ['Organization of the Petroleum Exporting Countries'], ['OPEC', 'OPEP']],
  ['organization', ['International Criminal Court', 'Cour pénale internationale', 'Corte Penal Internacional'], []],
  ['organization', ['International Court of Justice', 'Cour internationale de justice'], ['ICJ', 'CIJ']],
  ['organization', ['International Committee of the Red Cross', 'Comité international de la Croix-Rouge'], ['ICRC', 'CICR']],
  ['organization', ['Red Cross', 'Croix-Rouge', 'Cruz Roja', 'Rotes Kreuz'], []],
  ['organization', ['Red Crescent', 'Syrian Arab Red Crescent', 'Turkish Red Crescent'], []],
  ['organization', ['Doctors Without Borders', 'Médecins Sans Frontières', 'Medecins Sans Frontieres', 'Médicos Sin Fronteras'], ['MSF']],
  ['organization', ['Amnesty International'], []],
  ['organization', ['Human Rights Watch'], ['HRW']],
  ['organization', ['European Union', 'Union européenne', 'Unión Europea', 'Europäische Union', 'Avrupa Birliği'], ['EU', 'E.U.', 'UE']],
  ['organization', ['European Commission', 'Commission européenne', 'Comisión Europea'], []],
  // the European Union's forerunner (1967–1993), "EC" in the news of that time; not the Commission
  ['organization', ['European Community', 'European Communities', 'European Economic Community'], ['EEC']],
  ['organization', ['European Parliament', 'Parlement européen', 'Parlamento Europeo'], []],
  ['organization', ['European Central Bank', 'Banque centrale européenne', 'Banco Central Europeo', 'Europäische Zentralbank'], ['ECB', 'BCE', 'EZB']],
  ['organization', ['African Union', 'Union africaine', 'Unión Africana'], []],
  ['organization', ['Arab League', 'League of Arab States', 'Ligue arabe'], []],
  ['organization', ['Organisation of Islamic Cooperation', 'Organization of Islamic Cooperation'], ['OIC', 'OCI']],
  ['organization', ['Association of Southeast Asian Nations'], ['ASEAN']],
  ['organization', ['Organization of American States', 'Organisation of American States', 'Organización de los Estados Americanos'], ['OAS', 'OEA']],
  ['organization', ['Gulf Cooperation Council', 'Cooperation Council for the Arab States of the Gulf'], ['GCC']],
  ['organization', ['International Olympic Committee', 'Comité international olympique'], ['IOC', 'CIO']],
  ['organization', ['Fédération Internationale de Football Association', 'International Federation of Association Football'], ['FIFA']],
  ['organization', ['Union of European Football Associations'], ['UEFA']],
  ['organization', ['Interpol', 'International Criminal Police Organization'], []],
  ['organization', ['Europol'], []],
  // monitors, armed groups and parties often named in conflict reporting
  ['organization', ['Syrian Observatory for Human Rights', "Observatoire syrien des droits de l'homme", 'Observatorio Sirio de Derechos Humanos', 'Syrische Beobachtungsstelle für Menschenrechte'], ['SOHR', 'OSDH']],
  ['organization', ['Hayat Tahrir al-Sham', 'Hayat Tahrir al Sham', 'Hay’at Tahrir al-Sham', 'Hayat Tahrir Al-Sham'], ['HTS']],
  ['organization', ['Islamic State', 'Islamic State of Iraq and the Levant', 'Islamic State of Iraq and Syria', 'Islamic State in Iraq and Syria', 'Islamic State group', 'État islamique', 'Estado Islámico', 'Daesh', 'Daech'], ['ISIS', 'ISIL']],
  ['organization', ['al-Qaeda', 'al-Qaida', "al-Qa'ida", 'Al Qaeda', 'Al Qaida', 'Al-Qaïda'], []],
  ['organization', ['al-Shabab', 'al-Shabaab', 'Al Shabaab', 'Al-Shabab'], []],
  ['organization', ['Hezbollah', 'Hizbollah', 'Hizballah', 'Hizbullah'], []],
  ['organization', ['Hamas', 'Harakat al-Muqawama al-Islamiya'], []],
  ['organization', ['Taliban', 'Taleban'], []],
  ['organization', ['Boko Haram'], []],
  ['organization', ['Free Syrian Army', 'Armée syrienne libre', 'Ejército Libre Sirio'], ['FSA', 'ASL']],
  ['organization', ['Syrian National Army'], ['SNA']],
  ['organization', ['Syrian Democratic Forces', 'Forces démocratiques syriennes', 'Fuerzas Democráticas Sirias'], ['SDF', 'FDS']],
  ['organization', ["People's Protection Units", 'Yekîneyên Parastina Gel', 'Yekineyen Parastina Gel'], ['YPG']],
  ['organization', ['Democratic Union Party', 'Partiya Yekîtiya Demokrat'], ['PYD']],
  ['organization', ["Kurdistan Workers' Party", 'Kurdistan Workers Party', 'Partiya Karkerên Kurdistanê', 'Parti des travailleurs du Kurdistan'], ['PKK']],
  ['organization', ['Justice and Development Party', 'Adalet ve Kalkınma Partisi', 'Adalet ve Kalkinma Partisi', 'Parti de la justice et du développement'], ['AKP', 'AK Party', 'AK Parti']],
  ['organization', ["Republican People's Party", 'Cumhuriyet Halk Partisi'], ['CHP']],
  ['organization', ['Nationalist Movement Party', 'Milliyetçi Hareket Partisi'], ['MHP']],
  ["organization", ["Peoples' Democratic Party", 'Halkların Demokratik Partisi'], ['HDP']],
  ['organization', ['Syrian Arab News Agency'], ['SANA']],
  ['organization', ['Anadolu Agency', 'Anadolu Ajansı', 'Anadolu news agency'], []],
  ['organization', ['Agence France-Presse', 'Agence France Presse'], ['AFP']],
  ['organization', ['Associated Press'], []],
  ['organization', ['Reuters', 'Thomson Reuters'], []],
  ['organization', ['British Broadcasting Corporation'], ['BBC']],
  ['organization', ['Cable News Network'], ['CNN']],
  ['organization', ['RIA Novosti', 'RIA news agency'], ['RIA']],
  ['organization', ['Palestine Liberation Organization', 'Palestine Liberation Organisation'], ['PLO', 'OLP']],
  ['organization', ['Israel Defense Forces', 'Israeli Defense Forces', 'Tsahal'], ['IDF']],
  ['organization', ['Islamic Revolutionary Guard Corps', 'Revolutionary Guards', 'Revolutionary Guard Corps'], ['IRGC']],
  ['organization', ['African National Congress'], ['ANC']],
  // national agencies often written as acronyms
  ['organization', ['Federal Bureau of Investigation'], ['FBI']],
  ['organization', ['Central Intelligence Agency'], ['CIA']],
  ['organization', ['National Security Agency'], ['NSA']],
  ['organization', ['National Aeronautics and Space Administration'], ['NASA']],
  ['organization', ['Department of Homeland Security', 'Homeland Security Department'], ['DHS']],
  ['organization', ['Department of Justice', 'Justice Department', 'US Justice Department', 'U.S. Justice Department'], ['DOJ']],
  ['organization', ['Department of State', 'State Department', 'US State Department', 'U.S. State Department', 'United States Department of State'], []],
  ['organization', ['Department of Defense', 'Defense Department', 'US Defense Department', 'Pentagon'], ['DoD']],
  ['organization', ['Federal Aviation Administration'], ['FAA']],
  ['organization', ['National Transportation Safety Board'], ['NTSB']],
  ['organization', ['Food and Drug Administration'], ['FDA']],
  ['organization', ['Centers for Disease Control and Prevention', 'Centers for Disease Control'], ['CDC']],
  ['organization', ['Environmental Protection Agency'], ['EPA']],
  ['organization', ['Securities and Exchange Commission'], []],
  ['organization', ['Federal Emergency Management Agency'], ['FEMA']],
  ['organization', ['Drug Enforcement Administration'], ['DEA']],
  ['organization', ['Bureau of Alcohol, Tobacco, Firearms and Explosives'], ['ATF']],
  ['organization', ['Internal Revenue Service'], ['IRS']],
  ['organization', ['Federal Reserve', 'Federal Reserve Board', 'Federal Reserve System'], ['Fed']],
  ['organization', ['Federal Security Service'], ['FSB']],
  ['organization', ['Los Angeles Police Department'], ['LAPD']],
  ['organization', ['New York Police Department', 'New York City Police Department'], ['NYPD']],
  ['organization', ['Metropolitan Police', 'Metropolitan Police Service', 'Scotland Yard'], []],
  ['organization', ['National Health Service'], ['NHS']],
  // sports leagues
  ['organization', ['National Basketball Association'], ['NBA']],
  ['organization', ['National Football League'], ['NFL']],
  ['organization', ['National Hockey League'], ['NHL']],
  ['organization', ['Major League Baseball'], ['MLB']],
  ['organization', ['National Collegiate Athletic Association'], ['NCAA']],
];

/**
 * Words that, after a company's own name, say its line of business ("Samsung Electronics", "Ford
 * Motor", "Amnesty International"): the name alone, in the same story, is that company.
 */
export const COMPANY_SECTOR_WORDS: readonly string[] = [
  'electronics', 'motor', 'motors', 'airlines', 'airways', 'petroleum', 'chemical', 'chemicals', 'pharmaceutical',
  'pharmaceuticals', 'steel', 'telecom', 'telecommunications', 'communications', 'industries', 'holdings', 'group',
  'systems', 'technologies', 'technology', 'software', 'semiconductor', 'semiconductors', 'entertainment', 'foods',
  'financial', 'securities', 'insurance', 'enterprises', 'international', 'computer', 'computers', 'networks',
  'brands', 'stores', 'mining', 'resources', 'energy', 'oil', 'gas', 'pharma', 'biotech', 'aerospace', 'shipping',
  'controls', 'medical', 'healthcare', 'laboratories', 'cement', 'copper', 'textiles', 'mills', 'breweries',
  'bancorp', 'bancshares', 'railways', 'railroad', 'utilities', 'airline', 'cables', 'automotive', 'tobacco',
  'investments', 'properties', 'realty', 'petrochemicals', 'minerals', 'metals', 'refining', 'publishing',
];

/**
 * Words that end (or head) organisation names: a "person" or "place" name ending in one of them is an
 * organisation ("California Highway Patrol", "New York Police").
 */
export const ORGANIZATION_WORDS: readonly string[] = [
  'agency', 'army', 'assembly', 'association', 'authority', 'bank', 'board', 'bureau', 'cabinet', 'center', 'centre',
  'church', 'club', 'coalition', 'college', 'commission', 'committee', 'company', 'conference', 'congress',
  'consortium', 'corporation', 'council', 'court', 'department', 'directorate', 'division', 'exchange', 'federation', 'fleet', 'forces', 'foundation', 'front',
  'fund', 'government', 'group', 'guard', 'hospital', 'inc', 'institute', 'institution', 'league', 'legislature',
  'management', 'media', 'military', 'ministry', 'movement', 'navy', 'network', 'news', 'office', 'organization',
  'organisation', 'parliament', 'party', 'patrol', 'police', 'post', 'press', 'programme', 'regime', 'school',
  'senate', 'service', 'services', 'society', 'squad', 'team', 'times', 'tribunal', 'union', 'university',
];
