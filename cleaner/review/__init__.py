"""Pages where a person reviews what cleaning removed: `cleaner explain` and `cleaner report`.

    $ cleaner explain corpus/ -o review.html
    $ cleaner report cleaned/ -o report.html

`blocks` rebuilds the text as it came in from a record, `marks` draws it with every removal in
place, `explain` and `report` build the two pages (`shell` holds their shared page shell, `svg`
the histograms), `records` reads what they are given.
"""
