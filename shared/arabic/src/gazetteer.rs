//! The gazetteer: the knowledge base's names compiled into one automaton at start-up.
