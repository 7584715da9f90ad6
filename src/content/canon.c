#include "content/canon.h"

#include <string.h>

#define COUNT_OF(a) ((int)(sizeof(a) / sizeof((a)[0])))

static const CanonStructure STRUCTURES[] = {
    {"t12_vertebra", false, "bone", "bones"},
    {"l1_vertebra", false, "bone", "bones"},
    {"l2_vertebra", false, "bone", "bones"},
    {"l3_vertebra", false, "bone", "bones"},
    {"l4_vertebra", false, "bone", "bones"},
    {"l5_vertebra", false, "bone", "bones"},
    {"sacrum", false, "bone", "bones"},
    {"coccyx", false, "bone", "bones"},
    {"rib_12", true, "bone", "bones"},
    {"hip_bone", true, "bone", "bones"},
    {"femur", true, "bone", "bones"},
    {"tibia", true, "bone", "bones"},
    {"fibula", true, "bone", "bones"},
    {"foot", true, "bone", "bones"},
    {"sacrospinous_ligament", true, "ligament", "ligaments"},
    {"sacrotuberous_ligament", true, "ligament", "ligaments"},
    {"psoas_major", true, "muscle", "deep_muscles"},
    {"iliacus", true, "muscle", "deep_muscles"},
    {"gluteus_maximus", true, "muscle", "superficial_muscles"},
    {"gluteus_medius", true, "muscle", "superficial_muscles"},
    {"gluteus_minimus", true, "muscle", "deep_muscles"},
    {"piriformis", true, "muscle", "deep_muscles"},
    {"obturator_internus", true, "muscle", "deep_muscles"},
    {"pubococcygeus", true, "muscle", "deep_muscles"},
    {"puborectalis", true, "muscle", "deep_muscles"},
    {"iliococcygeus", true, "muscle", "deep_muscles"},
    {"coccygeus", true, "muscle", "deep_muscles"},
    {"quadratus_lumborum", true, "muscle", "deep_muscles"},
    {"erector_spinae", true, "muscle", "superficial_muscles"},
    {"sciatic_nerve", true, "nerve", "nerves"},
    {"tibial_nerve", true, "nerve", "nerves"},
    {"common_fibular_nerve", true, "nerve", "nerves"},
    {"pudendal_nerve", true, "nerve", "nerves"},
    {"inferior_rectal_nerve", true, "nerve", "nerves"},
    {"perineal_nerve", true, "nerve", "nerves"},
    {"dorsal_nerve", true, "nerve", "nerves"},
    {"femoral_nerve", true, "nerve", "nerves"},
    {"obturator_nerve", true, "nerve", "nerves"},
    {"iliohypogastric_nerve", true, "nerve", "nerves"},
    {"ilioinguinal_nerve", true, "nerve", "nerves"},
    {"genitofemoral_nerve", true, "nerve", "nerves"},
    {"lateral_femoral_cutaneous_nerve", true, "nerve", "nerves"},
    {"superior_gluteal_nerve", true, "nerve", "nerves"},
    {"inferior_gluteal_nerve", true, "nerve", "nerves"},
    {"posterior_femoral_cutaneous_nerve", true, "nerve", "nerves"},
    {"si_joint", true, "joint", "bones"},
    {"hip_joint", true, "joint", "bones"},
    {"skin", false, "skin", "skin"},
};

static const char *const LAYERS[] = {"skin",  "superficial_muscles", "deep_muscles",
                                     "bones", "ligaments",           "nerves",
                                     "zones", "dermatomes"};
static const char *const VIEWS[] = {"anterior", "posterior", "left",          "right",
                                    "superior", "inferior",  "deep_posterior"};
static const char *const MAPS[] = {"lee_2008", "keegan_garrett"};

static const CanonId SOURCES[] = {
    {"psoas_major", true},
    {"iliacus", true},
    {"gluteus_maximus", true},
    {"gluteus_medius", true},
    {"gluteus_minimus", true},
    {"piriformis", true},
    {"obturator_internus", true},
    {"pubococcygeus", true},
    {"puborectalis", true},
    {"iliococcygeus", true},
    {"coccygeus", true},
    {"quadratus_lumborum", true},
    {"erector_spinae", true},
    {"si_joint", true},
    {"hip_joint", true},
    {"root_l4", true},
    {"root_l5", true},
    {"root_s1", true},
    {"pudendal_entrapment", true},
    {"sciatic_at_piriformis", true},
};

static const CanonId ZONES[] = {
    {"zone_lumbar_paraspinal", true},
    {"zone_si_region", true},
    {"zone_buttock", true},
    {"zone_upper_buttock", true},
    {"zone_lower_buttock", true},
    {"zone_lateral_hip", true},
    {"zone_posterior_hip", true},
    {"zone_groin", true},
    {"zone_anterior_thigh", true},
    {"zone_lateral_thigh", true},
    {"zone_posterior_thigh", true},
    {"zone_medial_thigh", true},
    {"zone_knee", true},
    {"zone_lateral_leg", true},
    {"zone_posterior_calf", true},
    {"zone_medial_leg", true},
    {"zone_dorsum_foot", true},
    {"zone_sole", true},
    {"zone_iliac_crest", true},
    {"zone_lower_abdomen", true},
    {"zone_sacrum", false},
    {"zone_coccyx", false},
    {"zone_perineum", false},
    {"zone_anus", false},
    {"zone_genital", false},
    {"zone_suprapubic", false},
    {"derm_t12", true},
    {"derm_l1", true},
    {"derm_l2", true},
    {"derm_l3", true},
    {"derm_l4", true},
    {"derm_l5", true},
    {"derm_s1", true},
    {"derm_s2", true},
    {"derm_s3", true},
    {"derm_s4", true},
    {"derm_s5", true},
};

static const char *const REDFLAG_GROUPS[] = {"cauda_equina", "cancer",       "infection",
                                             "fracture",     "inflammatory", "neurological",
                                             "vascular",     "pelvic",       "pudendal_mismatch"};

static const char *const UI_STRINGS[] = {
    "side_left",           "side_right",         "your_left",
    "your_right",          "phase_tension",      "phase_travel",
    "phase_primary",       "phase_spillover",    "primary",
    "spillover",           "layer_skin",         "layer_superficial_muscles",
    "layer_deep_muscles",  "layer_bones",        "layer_ligaments",
    "layer_nerves",        "layer_zones",        "layer_dermatomes",
    "view_anterior",       "view_posterior",     "view_left",
    "view_right",          "view_superior",      "view_inferior",
    "view_deep_posterior", "map_keegan_garrett", "map_lee_2008",
};

const CanonStructure *canon_structures(int *out_count) {
    *out_count = COUNT_OF(STRUCTURES);
    return STRUCTURES;
}

const char *const *canon_layers(int *out_count) {
    *out_count = COUNT_OF(LAYERS);
    return LAYERS;
}

const char *const *canon_views(int *out_count) {
    *out_count = COUNT_OF(VIEWS);
    return VIEWS;
}

const char *const *canon_maps(int *out_count) {
    *out_count = COUNT_OF(MAPS);
    return MAPS;
}

const char *canon_default_map(void) {
    return "lee_2008";
}

const CanonId *canon_required_sources(int *out_count) {
    *out_count = COUNT_OF(SOURCES);
    return SOURCES;
}

const CanonId *canon_required_zones(int *out_count) {
    *out_count = COUNT_OF(ZONES);
    return ZONES;
}

const char *const *canon_required_redflag_groups(int *out_count) {
    *out_count = COUNT_OF(REDFLAG_GROUPS);
    return REDFLAG_GROUPS;
}

const char *const *canon_required_ui_strings(int *out_count) {
    *out_count = COUNT_OF(UI_STRINGS);
    return UI_STRINGS;
}

bool canon_kind_has_mesh(const char *kind) {
    return strcmp(kind, "joint") != 0;
}
