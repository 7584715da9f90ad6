# The painmap executable as a user meets it: exit codes and messages.
add_test(NAME app.cli_exit
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/app/cli_exit.sh ${PAINMAP_EXE})
set_tests_properties(app.cli_exit PROPERTIES ENVIRONMENT "${PAINMAP_TEST_ENV}")
add_test(NAME app.viewer_xvfb
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/app/viewer_xvfb.sh ${PAINMAP_EXE})
set_tests_properties(app.viewer_xvfb PROPERTIES ENVIRONMENT "${PAINMAP_TEST_ENV}" TIMEOUT 90)
if(TARGET body_glb)
  add_test(NAME app.replay
    COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/app/replay_test.sh ${PAINMAP_EXE})
  set_tests_properties(app.replay PROPERTIES ENVIRONMENT "${PAINMAP_TEST_ENV}" TIMEOUT 300)
endif()
add_test(NAME app.soak COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/app/soak.sh ${PAINMAP_EXE})
set_tests_properties(app.soak PROPERTIES ENVIRONMENT "${PAINMAP_TEST_ENV}" TIMEOUT 2400)
if(TARGET body_glb)
  add_test(NAME app.no_network
    COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/app/no_network.sh ${PAINMAP_EXE})
  set_tests_properties(app.no_network PROPERTIES ENVIRONMENT "${PAINMAP_TEST_ENV}" TIMEOUT 300)
endif()
