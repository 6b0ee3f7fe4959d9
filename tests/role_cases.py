"""Sentence-level role cases for open-world claim extraction (data only, no tests).

Written by the claimweave team in our own words. The events behind most sentences are real and
public (Yemen, Ukraine, Gaza/Israel, Sudan, the Sahel, Myanmar, Colombia, Mexico, DR Congo,
Nigeria, Somalia, Ethiopia, Afghanistan, Iraq); some persons, witnesses and counts are invented.
They are fixtures, not evidence.

Each entry of ROLE_CASES is ``(case_id, sentence, role, expected)``:

- ``perpetrator``: the actor that carried out the act, as written (group name without a trailing
  "fighters"/"rebels" when the name stands alone), or None when the sentence names none.
- ``target``: the head noun of the physical target, as written ("hospital", "market", "hôtel").
- ``victim_name``: a person killed, injured, kidnapped or arrested, as written.
- ``victim_role``: one of civilian, child, fighter, soldier, official, journalist, aid_worker,
  police, medic.
- ``weapon``: the weapon word as written ("grenade", "machetes", "car bomb", "drone").
- ``claimant``: who asserts the claim, as written (without a leading article), or None.
- ``source``: a source of the chain as written ("according to X", "told X", "as X reported").
- ``kind``: casualty, military_action, accusation, denial, kidnapping, arrest, or None (the
  sentence must yield no claim at all).
- ``killed_max``: the largest number of killed stated (an int), or None when nobody is said to be
  killed (displacement, injuries, hostages, ages, fighters who beat someone).
- ``background``: True when the toll is a background/cumulative toll, False for an incident toll.

Every string ``expected`` except for ``victim_role`` and ``kind`` occurs verbatim in its sentence.
"""

from __future__ import annotations

ROLE_CASES: list[tuple[str, str, str, object]] = [
    # ---- perpetrator: active subject, passive "by", possessor, generic agents, open-world groups
    (
        "active_subject_outside_kb_is_perpetrator",
        "Fighters of the Rapid Support Forces killed at least 40 villagers in an attack on a "
        "farming village in Gezira state on Tuesday, residents said.",
        "perpetrator",
        "Rapid Support Forces",
    ),
    (
        "passive_by_agent_is_perpetrator",
        "Three farmers were shot dead by al-Shabaab militants near Jowhar on Monday, a local "
        "elder told reporters by telephone.",
        "perpetrator",
        "al-Shabaab",
    ),
    (
        "possessor_of_shelling_is_perpetrator",
        "The Arakan Army's shelling of the outskirts of Sittwe killed six civilians on Friday, "
        "a local administrator said.",
        "perpetrator",
        "Arakan Army",
    ),
    (
        "possessor_of_strike_is_perpetrator_generic_army",
        "The army's drone strike on a religious gathering in Tudun Biri killed 85 villagers, "
        "the national emergency agency said.",
        "perpetrator",
        "army",
    ),
    (
        "french_genitive_agent_is_perpetrator",
        "Le bombardement de l'armée soudanaise sur le marché de Kabkabiya a fait au moins 20 "
        "morts, selon des médecins de la région.",
        "perpetrator",
        "armée soudanaise",
    ),
    (
        "generic_agent_gunmen_is_perpetrator",
        "Gunmen on motorcycles killed 11 worshippers at a mosque in Zamfara State late on "
        "Friday, a police spokesman said.",
        "perpetrator",
        "Gunmen",
    ),
    (
        "generic_agent_unidentified_assailants_is_perpetrator",
        "Unidentified assailants shot dead a schoolteacher outside his home in Kidal on "
        "Wednesday evening, according to a local official.",
        "perpetrator",
        "Unidentified assailants",
    ),
    (
        "generic_agent_security_forces_is_perpetrator",
        "Security forces fired live rounds at protesters in Khartoum on Thursday, killing five,"
        " a committee of doctors said.",
        "perpetrator",
        "Security forces",
    ),
    (
        "generic_agent_militants_is_perpetrator",
        "Militants stormed a checkpoint near Beledweyne before dawn, killing four soldiers, the"
        " regional administration said.",
        "perpetrator",
        "Militants",
    ),
    (
        "lowercase_guerrilla_group_is_perpetrator",
        "guerrillas of the eln blew up a stretch of the cano limon pipeline near saravena early"
        " today, the state oil company said.",
        "perpetrator",
        "eln",
    ),
    (
        "french_wagner_is_perpetrator",
        "Des mercenaires du groupe Wagner ont exécuté une trentaine de civils près de Moura, "
        "affirment des survivants interrogés par téléphone.",
        "perpetrator",
        "groupe Wagner",
    ),
    (
        "jnim_fighters_is_perpetrator",
        "JNIM fighters ambushed an army convoy near Djibo on Sunday, killing 19 soldiers, the "
        "group said in a statement.",
        "perpetrator",
        "JNIM",
    ),
    (
        "french_passive_par_agent_is_perpetrator",
        "Au moins 17 civils ont été tués par les rebelles du M23 à Kishishe, selon une enquête "
        "préliminaire de l'ONU.",
        "perpetrator",
        "M23",
    ),
    (
        "cartel_outside_kb_is_perpetrator",
        "The Jalisco New Generation Cartel dropped explosives from drones on houses in "
        "Aguililla, farmers told local reporters on Tuesday.",
        "perpetrator",
        "Jalisco New Generation Cartel",
    ),
    (
        "uppercase_wire_group_is_perpetrator",
        "REBELS OF THE ZAPATISTA NATIONAL LIBERATION ARMY ATTACKED THE RANCHO NUEVO ARMY BASE "
        "NEAR SAN CRISTOBAL ON SUNDAY NIGHT, WITNESSES SAID.",
        "perpetrator",
        "ZAPATISTA NATIONAL LIBERATION ARMY",
    ),
    (
        "unattributed_explosion_has_no_perpetrator",
        "An explosion at a fuel depot in Mogadishu killed six people on Friday, the fire "
        "brigade said, adding that the cause was unknown.",
        "perpetrator",
        None,
    ),
    (
        "victims_are_not_perpetrator",
        "Two Ethiopian soldiers were killed by Fano fighters in an ambush near Gondar, the "
        "regional government said on Monday.",
        "perpetrator",
        "Fano",
    ),
    # ---- physical targets
    (
        "hospital_is_target",
        "A Russian missile struck the Okhmatdyt children's hospital in Kyiv on Monday morning, "
        "killing two adults, Ukrainian officials said.",
        "target",
        "hospital",
    ),
    (
        "market_is_target",
        "Shells fired by Houthi fighters hit the central market of Taiz on Saturday, killing 12"
        " shoppers, the local health office said.",
        "target",
        "market",
    ),
    (
        "school_is_target",
        "Three bombs went off outside the Sayed al-Shuhada school in western Kabul, killing 85 "
        "people, most of them girls, officials said.",
        "target",
        "school",
    ),
    (
        "mosque_is_target",
        "Gunmen on motorcycles killed 11 worshippers at a mosque in Zamfara State late on "
        "Friday, a police spokesman said.",
        "target",
        "mosque",
    ),
    (
        "church_is_target",
        "Fighters of the Allied Democratic Forces set fire to a Catholic church in Komanda and "
        "killed worshippers inside, the parish priest said.",
        "target",
        "church",
    ),
    (
        "bakery_is_target",
        "A mortar round hit a queue outside a bakery in Omdurman, killing eight people, "
        "residents told reporters on Sunday.",
        "target",
        "bakery",
    ),
    (
        "pipeline_is_target",
        "guerrillas of the eln blew up a stretch of the cano limon pipeline near saravena early"
        " today, the state oil company said.",
        "target",
        "pipeline",
    ),
    (
        "power_station_is_target",
        "Russian drones struck a power station in the Kharkiv region overnight, cutting "
        "electricity to thousands of homes, the regional governor said.",
        "target",
        "power station",
    ),
    (
        "bank_is_target",
        "A CAR BOMB EXPLODED OUTSIDE A BANK ON AVENIDA BOLIVAR IN DOWNTOWN MEDELLIN THIS "
        "MORNING, KILLING FOUR PEOPLE, THE POLICE SAID.",
        "target",
        "BANK",
    ),
    (
        "convoy_is_target",
        "Israeli drone strikes hit a three-car convoy of the charity in Deir al-Balah, killing "
        "seven aid workers, the organisation said.",
        "target",
        "convoy",
    ),
    (
        "bridge_is_target",
        "ELN rebels blew up a bridge on the road between Tame and Saravena on Tuesday, the "
        "army's 18th brigade said.",
        "target",
        "bridge",
    ),
    (
        "house_is_target",
        "An airstrike destroyed a house in Saada where a family of seven was sleeping, killing "
        "all of them, medics at the local hospital said.",
        "target",
        "house",
    ),
    (
        "checkpoint_is_target",
        "Militants stormed a checkpoint near Beledweyne before dawn, killing four soldiers, the"
        " regional administration said.",
        "target",
        "checkpoint",
    ),
    (
        "french_hotel_is_target",
        "Des assaillants ont attaqué l'hôtel Splendid de Ouagadougou en janvier 2016, tuant 30 "
        "personnes, selon le gouvernement burkinabè.",
        "target",
        "hôtel",
    ),
    (
        "french_displacement_camp_is_target",
        "Des miliciens de la CODECO ont attaqué le camp de déplacés de Plaine Savo à la "
        "machette, tuant 60 personnes, selon la Croix-Rouge.",
        "target",
        "camp",
    ),
    # ---- named victims and victim roles
    (
        "journalist_named_victim",
        "Journalist Lourdes Maldonado was shot dead in her car outside her home in Tijuana, "
        "state prosecutors said on Monday.",
        "victim_name",
        "Lourdes Maldonado",
    ),
    (
        "journalist_role",
        "Journalist Lourdes Maldonado was shot dead in her car outside her home in Tijuana, "
        "state prosecutors said on Monday.",
        "victim_role",
        "journalist",
    ),
    (
        "mayor_of_town_named_victim",
        "The mayor of Chilpancingo, Alejandro Arcos, was killed six days after taking office, "
        "the Guerrero state prosecutor said.",
        "victim_name",
        "Alejandro Arcos",
    ),
    (
        "mayor_is_official",
        "The mayor of Chilpancingo, Alejandro Arcos, was killed six days after taking office, "
        "the Guerrero state prosecutor said.",
        "victim_role",
        "official",
    ),
    (
        "aid_worker_named_victim",
        "Aid worker Zemari Ahmadi and seven children were killed by a US drone strike in Kabul,"
        " the Pentagon later admitted.",
        "victim_name",
        "Zemari Ahmadi",
    ),
    (
        "aid_worker_role",
        "Israeli drone strikes hit a three-car convoy of the charity in Deir al-Balah, killing "
        "seven aid workers, the organisation said.",
        "victim_role",
        "aid_worker",
    ),
    (
        "french_named_victim_shot",
        "Le chercheur Hisham al-Hachimi a été abattu devant son domicile à Bagdad par des "
        "hommes armés à moto, selon la police.",
        "victim_name",
        "Hisham al-Hachimi",
    ),
    (
        "kidnapped_priest_named_victim",
        "Gunmen kidnapped the Catholic priest John Bako from his parish house in Kaduna State "
        "on Sunday night, the diocese said.",
        "victim_name",
        "John Bako",
    ),
    (
        "medic_named_victim",
        "A paramedic, Kareem Saleh, was killed when a strike hit his ambulance in Khan Younis, "
        "the Palestinian Red Crescent said.",
        "victim_name",
        "Kareem Saleh",
    ),
    (
        "paramedic_is_medic",
        "A paramedic, Kareem Saleh, was killed when a strike hit his ambulance in Khan Younis, "
        "the Palestinian Red Crescent said.",
        "victim_role",
        "medic",
    ),
    (
        "policemen_are_police",
        "Two policemen were stabbed to death at a checkpoint in Bamako by an attacker armed "
        "with a knife, the police said.",
        "victim_role",
        "police",
    ),
    (
        "girl_is_child",
        "A 12-year-old girl was killed by a stray bullet during clashes between the army and "
        "the paramilitary in Omdurman, her family said.",
        "victim_role",
        "child",
    ),
    (
        "killed_rebels_are_fighters",
        "Three ELN fighters were killed in a clash with troops near Saravena on Tuesday, the "
        "army's 18th brigade said.",
        "victim_role",
        "fighter",
    ),
    (
        "soldiers_role",
        "JNIM fighters ambushed an army convoy near Djibo on Sunday, killing 19 soldiers, the "
        "group said in a statement.",
        "victim_role",
        "soldier",
    ),
    (
        "schoolteacher_is_civilian",
        "Unidentified assailants shot dead a schoolteacher outside his home in Kidal on "
        "Wednesday evening, according to a local official.",
        "victim_role",
        "civilian",
    ),
    (
        "uppercase_named_victim",
        "GUNMEN KILLED THE ANTIOQUIA POLICE COMMANDER, COLONEL VALDEMAR FRANKLIN QUINTERO, IN "
        "MEDELLIN ON AUGUST 18, THE DEFENSE MINISTRY SAID.",
        "victim_name",
        "VALDEMAR FRANKLIN QUINTERO",
    ),
    (
        "lowercase_held_officer_named_victim",
        "among the captured was the police commander of mitu, colonel luis herlindo mendieta, "
        "the national police said today.",
        "victim_name",
        "luis herlindo mendieta",
    ),
    # ---- weapons / instruments
    (
        "with_a_grenade_is_weapon",
        "An attacker threw a grenade into a crowded bar in Irapuato late on Saturday, wounding "
        "nine people, municipal police said.",
        "weapon",
        "grenade",
    ),
    (
        "with_machetes_is_weapon",
        "Attackers armed with machetes killed 14 villagers in Djugu territory overnight, a "
        "local civil society leader said.",
        "weapon",
        "machetes",
    ),
    (
        "car_bomb_is_weapon",
        "A car bomb exploded at the gate of the education ministry in Mogadishu, killing dozens"
        " of people, the president's office said.",
        "weapon",
        "car bomb",
    ),
    (
        "drone_is_weapon",
        "A drone struck the Saudi Hospital in El Fasher on Friday, killing 70 patients and "
        "relatives, the WHO chief said.",
        "weapon",
        "drone",
    ),
    (
        "knife_is_weapon",
        "Two policemen were stabbed to death at a checkpoint in Bamako by an attacker armed "
        "with a knife, the police said.",
        "weapon",
        "knife",
    ),
    (
        "lowercase_gas_cylinder_bombs_are_weapon",
        "the guerrillas used homemade gas-cylinder bombs to destroy the police station in mitu,"
        " residents said by radio.",
        "weapon",
        "gas-cylinder bombs",
    ),
    (
        "french_machette_is_weapon",
        "Des miliciens de la CODECO ont attaqué le camp de déplacés de Plaine Savo à la "
        "machette, tuant 60 personnes, selon la Croix-Rouge.",
        "weapon",
        "machette",
    ),
    # ---- claimants
    (
        "speech_verb_subject_is_claimant",
        "The Sudanese army said its aircraft had destroyed a convoy of the Rapid Support Forces"
        " near El Obeid, killing dozens of fighters.",
        "claimant",
        "Sudanese army",
    ),
    (
        "spokesman_for_group_is_claimant",
        "A spokesman for the Houthis told Reuters that coalition aircraft had bombed a prison "
        "in Dhamar, killing more than 100 detainees.",
        "claimant",
        "Houthis",
    ),
    (
        "inverted_said_speaker_is_claimant",
        '"We buried 43 people in one day," said Ibrahim Musa, a community leader in Zamfara, '
        "after the attack on his village.",
        "claimant",
        "Ibrahim Musa",
    ),
    (
        "quote_speaker_is_claimant",
        '"They came at night and burned every house," a survivor, Aisha Bello, told our '
        "reporter from a camp near Maiduguri.",
        "claimant",
        "Aisha Bello",
    ),
    (
        "pronoun_he_said_resolved_to_antecedent",
        "Colonel Abdoulaye Maïga spoke on state television on Tuesday. He said 203 terrorists "
        "had been neutralised during the operation at Moura.",
        "claimant",
        "Abdoulaye Maïga",
    ),
    (
        "french_pronoun_il_resolved_to_antecedent",
        "Le porte-parole du M23, Lawrence Kanyuka, s'est exprimé mardi. Il a affirmé que huit "
        "civils seulement avaient été tués par des balles perdues.",
        "claimant",
        "Lawrence Kanyuka",
    ),
    (
        "title_case_fragment_is_no_claimant",
        "Tuesday a monitor said that 14 people had been killed in overnight shelling of Kharkiv"
        " and nearby villages.",
        "claimant",
        "monitor",
    ),
    (
        "prepositional_place_fragment_is_no_claimant",
        "In Kherson the regional governor said Russian artillery had killed three people "
        "waiting at a bus stop on Monday.",
        "claimant",
        "regional governor",
    ),
    (
        "title_case_headline_has_no_claimant",
        "Overnight Shelling Hits Kherson Market, Three Dead as Russian Artillery Pounds the "
        "River Bank",
        "claimant",
        None,
    ),
    (
        "french_army_said_is_claimant",
        "L'armée a affirmé avoir tué une trentaine de terroristes lors de frappes aériennes "
        "près de Djibo, dans le nord du pays.",
        "claimant",
        "armée",
    ),
    (
        "lowercase_ministry_said_is_claimant",
        "the defense ministry said 30 guerrillas had been killed in the counterattack on mitu, "
        "a figure the farc denied.",
        "claimant",
        "defense ministry",
    ),
    (
        "uppercase_president_said_is_claimant",
        "PRESIDENT VIRGILIO BARCO SAID THE STATE WOULD NOT YIELD AFTER A CAR BOMB KILLED FOUR "
        "PEOPLE IN DOWNTOWN MEDELLIN.",
        "claimant",
        "VIRGILIO BARCO",
    ),
    (
        "denier_is_claimant_of_denial",
        "The Arakan Army denied killing Rohingya civilians on the beach at Maungdaw and blamed "
        "the junta for the drone attack.",
        "claimant",
        "Arakan Army",
    ),
    # ---- sources
    (
        "according_to_object_is_source",
        "More than 100 villagers were killed when gunmen stormed Wad al-Nourah, according to "
        "the Madani Resistance Committee.",
        "source",
        "Madani Resistance Committee",
    ),
    (
        "told_outlet_is_source",
        "A spokesman for the Houthis told Reuters that coalition aircraft had bombed a prison "
        "in Dhamar, killing more than 100 detainees.",
        "source",
        "Reuters",
    ),
    (
        "as_outlet_reported_is_source",
        "The health ministry in Gaza said 112 people were killed as crowds rushed aid trucks, "
        "as Al Jazeera reported.",
        "source",
        "Al Jazeera",
    ),
    (
        "french_selon_object_is_source",
        "Au moins 500 personnes ont été tuées à Moura en mars 2022, selon un rapport du Haut-"
        "Commissariat aux droits de l'homme.",
        "source",
        "Haut-Commissariat aux droits de l'homme",
    ),
    (
        "citing_object_is_origin_source",
        "The United Nations said, citing local health officials, that 14 people had died in the"
        " bombing of a church in Kasindi.",
        "source",
        "local health officials",
    ),
    (
        "quoted_by_agency_is_source",
        "Quoted by the state news agency SUNA, the army said its jets had destroyed 20 vehicles"
        " of the paramilitary near Nyala.",
        "source",
        "SUNA",
    ),
    # ---- claim kinds
    (
        "incident_toll_is_casualty",
        "Twenty-one people were killed and 117 injured in the siege of the Hayat Hotel in "
        "Mogadishu, the health minister said.",
        "kind",
        "casualty",
    ),
    (
        "recapture_is_military_action",
        "Ukrainian forces said they had recaptured the village of Robotyne in the Zaporizhzhia "
        "region after weeks of fighting.",
        "kind",
        "military_action",
    ),
    (
        "group_denied_role_is_denial",
        "The Rapid Support Forces denied any role in the killing of the West Darfur governor "
        "and blamed the murder on outlaws.",
        "kind",
        "denial",
    ),
    (
        "accused_of_fighting_is_accusation",
        "Kinshasa accused Rwandan troops of fighting alongside the M23 rebels around Goma, a "
        "charge that Kigali has always rejected.",
        "kind",
        "accusation",
    ),
    (
        "abducted_pupils_is_kidnapping",
        "Gunmen abducted 287 pupils from a school in Kuriga, Kaduna State, on Thursday morning,"
        " residents said.",
        "kind",
        "kidnapping",
    ),
    (
        "arrested_suspect_is_arrest",
        "Police in Baghdad arrested a lieutenant accused of shooting the researcher Hisham al-"
        "Hashimi, the interior ministry said.",
        "kind",
        "arrest",
    ),
    (
        "feature_prose_yields_no_claim",
        "Our correspondent in Goma describes a city where life slowly returns to the markets "
        "and the schools.",
        "kind",
        None,
    ),
    (
        "talks_news_yields_no_claim",
        "Ceasefire talks in Jeddah resumed on Monday with delegations from the army and the "
        "paramilitary, the mediators said.",
        "kind",
        None,
    ),
    (
        "donation_appeal_yields_no_claim",
        "Readers can donate to support our reporting from Kyiv and Kharkiv this winter, when "
        "the power cuts return.",
        "kind",
        None,
    ),
    # ---- counts
    (
        "displacement_is_not_death",
        "Fighting around El Fasher has displaced thousands of families in the past week, the "
        "International Organization for Migration said.",
        "killed_max",
        None,
    ),
    (
        "french_displacement_is_not_death",
        "Des milliers de déplacés ont fui les villages autour de Tillabéri ce mois-ci, selon le"
        " HCR.",
        "killed_max",
        None,
    ),
    (
        "ages_are_not_counts",
        "Three brothers aged 13, 17 and 19 were shot dead at a checkpoint near Jenin, the "
        "Palestinian health ministry said.",
        "killed_max",
        3,
    ),
    (
        "fighters_who_had_beaten_them_is_not_a_casualty",
        "The villagers said they recognised 2 fighters who had beaten them during the raid on "
        "their village near Kidal.",
        "killed_max",
        None,
    ),
    (
        "date_digits_are_not_counts",
        "On 14 October 2017 a truck bomb at the Zobe junction in Mogadishu killed 587 people, "
        "the government said.",
        "killed_max",
        587,
    ),
    (
        "range_upper_bound_is_killed_max",
        "Between 100 and 300 people were killed in the blast at al-Ahli hospital, Western "
        "intelligence estimates say.",
        "killed_max",
        300,
    ),
    (
        "spelled_out_number_is_count",
        "Forty-two people, among them 14 staff, were killed in the strike on the Kunduz trauma "
        "hospital, the medical charity said.",
        "killed_max",
        42,
    ),
    (
        "french_count",
        "Soixante et onze soldats ont été tués dans l'attaque du camp d'Inates, a indiqué le "
        "ministère nigérien de la Défense.",
        "killed_max",
        71,
    ),
    (
        "lowercase_count",
        "16 policemen were killed in the assault on mitu, police director general rosso jose "
        "serrano told reporters in bogota.",
        "killed_max",
        16,
    ),
    (
        "wounded_are_not_killed",
        "An attacker threw a grenade into a crowded bar in Irapuato late on Saturday, wounding "
        "nine people, municipal police said.",
        "killed_max",
        None,
    ),
    (
        "hostages_are_not_killed",
        "Israeli officials say 251 people were taken hostage into Gaza on October 7 and held in"
        " tunnels.",
        "killed_max",
        None,
    ),
    # ---- background / cumulative tolls
    (
        "since_year_toll_is_background",
        "Since 2015 more than 150,000 people have died in the war in Yemen, according to the "
        "Armed Conflict Location & Event Data Project.",
        "background",
        True,
    ),
    (
        "french_depuis_toll_is_background",
        "Depuis 2015, plus de 20 000 personnes ont été tuées au Burkina Faso dans les violences"
        " jihadistes, selon Acled.",
        "background",
        True,
    ),
    (
        "lowercase_since_toll_is_background",
        "since 1964 the conflict has left tens of thousands dead and more than a million "
        "displaced, according to church groups.",
        "background",
        True,
    ),
    (
        "war_estimate_is_background",
        "The war in Tigray has killed hundreds of thousands of people since November 2020, "
        "researchers at Ghent University estimate.",
        "background",
        True,
    ),
    (
        "insurgency_total_is_background",
        "Since 2009 the insurgency of Boko Haram and ISWAP has killed more than 35,000 people "
        "in the northeast, the United Nations says.",
        "background",
        True,
    ),
    (
        "todays_bombing_is_not_background",
        "A car bomb killed four people outside a bank in Medellin this morning, the "
        "metropolitan police said.",
        "background",
        False,
    ),
]
