# Render tests that need the baked body: only where the build bakes it.
if(TARGET body_glb)
  add_executable(test_render_body ${CMAKE_CURRENT_LIST_DIR}/body_render.c)
  painmap_target_defaults(test_render_body)
  target_link_libraries(test_render_body PRIVATE painmap_app PkgConfig::CMOCKA)
  add_dependencies(test_render_body body_glb)
  add_test(NAME render.body COMMAND test_render_body WORKING_DIRECTORY ${CMAKE_BINARY_DIR})
  set_tests_properties(render.body PROPERTIES ENVIRONMENT "${PAINMAP_TEST_ENV}")
endif()
if(TARGET body_glb)
  # colour-blind check on rendered pictures: zones and structure kinds stay apart
  add_test(NAME render.color_blind
    COMMAND python3 ${CMAKE_CURRENT_SOURCE_DIR}/render/cvd_check.py ${PAINMAP_EXE}
            ${CMAKE_BINARY_DIR}/test-out/cvd)
  set_tests_properties(render.color_blind PROPERTIES ENVIRONMENT "${PAINMAP_TEST_ENV};SDL_VIDEODRIVER=offscreen" TIMEOUT 300)
endif()
if(TARGET body_glb)
  # first start: compile, cache, fresh context; later start from the cache; same picture
  add_test(NAME render.first_start
    COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/render/first_start.sh ${PAINMAP_EXE})
  set_tests_properties(render.first_start PROPERTIES ENVIRONMENT "${PAINMAP_TEST_ENV}" TIMEOUT 120)
endif()
