"""The trainees' course as pages: the modules and cases served with Voila under the carers' pages'
lock-down (``coursesite.server``), with a course home that shows the trainee's progress and a
completion record they can print (``coursesite.pages``)."""
