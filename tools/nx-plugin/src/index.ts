/** Foodcourt's Nx plugin: its generators are listed in ../generators.json. */
export {};
