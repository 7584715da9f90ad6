# painmap quiz through the real executable: deterministic per seed, valid JSON, exit codes.
add_test(NAME study.quiz_cli COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/quiz_cli.sh ${PAINMAP_EXE}
  WORKING_DIRECTORY ${CMAKE_BINARY_DIR})
set_tests_properties(study.quiz_cli PROPERTIES ENVIRONMENT "${PAINMAP_TEST_ENV}")

# The study card of the viewer (src/app/screens_study.c) with the null renderer: it needs
# painmap_app, so it is not one of the automatic test_*.c programs.
add_executable(test_study_screen ${CMAKE_CURRENT_LIST_DIR}/study_screen.c)
painmap_target_defaults(test_study_screen)
target_link_libraries(test_study_screen PRIVATE painmap_app PkgConfig::CMOCKA)
add_test(NAME study.screen COMMAND test_study_screen WORKING_DIRECTORY ${CMAKE_BINARY_DIR})
set_tests_properties(study.screen PROPERTIES ENVIRONMENT "${PAINMAP_TEST_ENV}")

# Every study string the code asks for is in the English study.json.
add_test(NAME study.keys
  COMMAND python3 ${CMAKE_CURRENT_LIST_DIR}/check_study_keys.py ${PROJECT_SOURCE_DIR})
