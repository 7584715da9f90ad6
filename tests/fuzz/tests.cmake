# Fuzz targets replayed deterministically: each tests/fuzz/fuzz_<name>.c is linked with the
# standalone driver (no libFuzzer needed, gcc or clang, with or without the sanitizers) and
# run over its seed corpus and every saved crash input, as the ctest test fuzz.<name>.
# Open-ended fuzzing with libFuzzer is tools/fuzz (see docs/fuzzing.md).
file(GLOB PAINMAP_FUZZ_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/fuzz_*.c)
list(SORT PAINMAP_FUZZ_SOURCES)
foreach(src ${PAINMAP_FUZZ_SOURCES})
  get_filename_component(name ${src} NAME_WE)
  string(REGEX REPLACE "^fuzz_" "" short ${name})
  set(target fuzz_replay_${short})
  add_executable(${target} ${src} ${CMAKE_CURRENT_LIST_DIR}/standalone.c)
  if(short STREQUAL "cli")
    target_sources(${target} PRIVATE ${PROJECT_SOURCE_DIR}/src/app/cli.c)
  endif()
  painmap_target_defaults(${target})
  target_compile_definitions(${target} PRIVATE FUZZ_ASSETS_DIR="${PROJECT_SOURCE_DIR}/assets")
  target_link_libraries(${target} PRIVATE painmap_core)
  add_test(NAME fuzz.${short}
    COMMAND ${target} ${CMAKE_CURRENT_LIST_DIR}/corpus/${short}
            ${CMAKE_CURRENT_LIST_DIR}/crashes/${short}
    WORKING_DIRECTORY ${CMAKE_BINARY_DIR})
  set_tests_properties(fuzz.${short} PROPERTIES ENVIRONMENT "${PAINMAP_TEST_ENV}")
endforeach()
