# Bakes a few structures with 1, 2 and 3 threads and requires byte-identical files.
file(MAKE_DIRECTORY ${OUT_DIR})
set(ONLY sacrum,piriformis,sciatic_nerve)
foreach(t 1 2 3)
  execute_process(
    COMMAND ${BAKE} --assets ${ASSETS} -o ${OUT_DIR}/t${t}.glb --threads ${t} --only ${ONLY}
            --voxel-scale 2 --quiet
    RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "painmap_bake --threads ${t} failed (${rc})")
  endif()
endforeach()
foreach(t 2 3)
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${OUT_DIR}/t1.glb ${OUT_DIR}/t${t}.glb
                  RESULT_VARIABLE same)
  if(NOT same EQUAL 0)
    message(FATAL_ERROR "bake with ${t} threads differs from the single-threaded bake")
  endif()
endforeach()
message(STATUS "bakes with 1, 2 and 3 threads are identical")
